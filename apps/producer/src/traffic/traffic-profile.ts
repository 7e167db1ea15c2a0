/** Everything that shapes the synthetic traffic; same profile + same seed = same events. */
export interface TrafficProfile {
  readonly seed: number;
  /** Event time of the first event (epoch ms). */
  readonly startTime: number;
  /** Events per second of EVENT time; equal to the send rate for real-time traffic. */
  readonly eventsPerSecond: number;
  readonly pageCount: number;
  readonly zipfExponent: number;
  readonly userCount: number;
  /** Chance that a user's next click continues the session (referrer = their previous page). */
  readonly sessionContinueProbability: number;
  /** Events are stamped up to this much before their nominal time: out of order, within the bound. */
  readonly jitterMs: number;
  /** Share of events stamped far in the past, as from offline mobile clients flushing a queue. */
  readonly lateRatio: number;
  readonly lateMinMs: number;
  readonly lateMaxMs: number;
  readonly spike: TrafficSpike | undefined;
}

/** Multiplies one page's traffic for a while, so anomaly detection has something real to find. */
export interface TrafficSpike {
  readonly page: string;
  /** Start, relative to startTime, in event-time ms. */
  readonly startOffsetMs: number;
  readonly durationMs: number;
  /** The page gets `factor` times its normal share during the spike. */
  readonly factor: number;
}
