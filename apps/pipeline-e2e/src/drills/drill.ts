import type { DrillProfile } from './drill-profile';
import type { DrillRun } from './drill-run';

/** A fault drill: a seeded workload with one kind of fault injected; the runner settles and judges. */
export interface Drill {
  readonly id: string;
  /** What the fault does to the pipeline, in a sentence (for the table and docs/reliability.md). */
  readonly fault: string;
  readonly partitions?: number;
  /** Override of the profile's settle bound (e.g. waiting for a metadata refresh). */
  settleTimeoutMs?(profile: DrillProfile): number;
  run(run: DrillRun): Promise<void>;
  /** Checks beyond the tables once they settled (e.g. every injected record accounted for); throws what is wrong. */
  afterSettle?(run: DrillRun): Promise<void>;
}
