/**
 * Decides how many events are due so the average rate stays exact: the target is computed from
 * the time since start (not per tick), so timer drift and slow ticks are caught up, never lost.
 */
export class SendPacer {
  private readonly startedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    now: number,
    /** Catch-up after a stall is capped so a long GC pause does not become a burst of this size. */
    private readonly maxBurst: number,
  ) {
    this.startedAt = now;
  }

  /** Events that should have been sent by `now`, minus those already sent, capped by maxBurst. */
  due(now: number, sent: number): number {
    const target = Math.floor(((now - this.startedAt) * this.ratePerSecond) / 1000);
    return Math.max(0, Math.min(this.maxBurst, target - sent));
  }

  /** Milliseconds until the next event is due (for sleeping between ticks). */
  waitMs(now: number, sent: number): number {
    const nextAt = this.startedAt + ((sent + 1) * 1000) / this.ratePerSecond;
    return Math.max(0, nextAt - now);
  }
}
