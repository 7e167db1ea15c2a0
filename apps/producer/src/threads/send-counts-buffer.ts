import type { SendCounts } from './worker-protocol';

/** Accumulates a worker's counts between two reports to the main thread. */
export class SendCountsBuffer {
  private generated = 0;
  private acked = 0;
  private failed = 0;
  private latenciesMs: number[] = [];

  addGenerated(n: number): void {
    this.generated += n;
  }

  addAcked(n: number, latencyMs: number): void {
    this.acked += n;
    this.latenciesMs.push(latencyMs);
  }

  addFailed(n: number): void {
    this.failed += n;
  }

  /** The counts since the last call, resetting them. */
  take(): SendCounts {
    const counts = { generated: this.generated, acked: this.acked, failed: this.failed, latenciesMs: this.latenciesMs };
    this.generated = 0;
    this.acked = 0;
    this.failed = 0;
    this.latenciesMs = [];
    return counts;
  }
}
