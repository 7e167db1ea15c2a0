import type { PortClaim } from '../port-check';
import type { LaunchSpec } from '../process-supervisor';
import type { ProcessInfo } from '../process-table';
import type { ServiceName } from '../stack-paths';

/** What the supervisor needs to know about one service of the stack. */
export interface ServiceDefinition {
  readonly name: ServiceName;
  /** Shown by `status`, e.g. 127.0.0.1:9092. */
  readonly address: string;
  /** Started only by `start <name>` (slow to install or start), not by `up`; `down` stops it all the same. */
  readonly onDemand?: boolean;
  readonly ports: readonly PortClaim[];
  readonly startTimeoutMs: number;
  /** How long a SIGTERM may take before SIGKILL. */
  readonly stopTimeoutMs: number;
  readonly logFiles: readonly string[];
  readonly pidFile: string;
  /** Tells our process from anything else (pid reuse, another checkout's stack, a system service). */
  isOwnProcess(process: ProcessInfo): boolean;
  /** Writes config files, creates folders, formats storage: everything before the spawn. */
  prepare(log: (message: string) => void): Promise<void>;
  launchSpec(): LaunchSpec;
  /** Resolves when the service answers for real; rejects with why not. */
  checkHealth(): Promise<void>;
}
