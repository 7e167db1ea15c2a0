import type { BenchFixture } from '../fixture/bench-fixture';
import type { StackPids } from '../proc/stack-pids';
import type { BenchApps } from '../run/bench-apps';
import type { SuiteSettings } from './suite-settings';

/** What every scenario works with. */
export interface SuiteContext {
  settings: SuiteSettings;
  fixture: BenchFixture;
  apps: BenchApps;
  stack: StackPids;
  progress: (message: string) => void;
}
