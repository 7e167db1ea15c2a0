/** Advance the watermark on processing time once every source has been silent this long. */
export interface QuietAdvanceConfig {
  readonly afterMs: number;
}

export interface WatermarkTrackerConfig {
  /** Bounded out-of-orderness: how far behind the max seen event time an event may still be. Default 10_000. */
  readonly outOfOrdernessMs?: number;
  /** A source silent for this long (processing time) stops holding the watermark back. Undefined: never idle. */
  readonly idleTimeoutMs?: number;
  /** When set, a fully quiet stream still advances so the last window closes. Undefined: never. */
  readonly quietAdvance?: QuietAdvanceConfig;
  /**
   * How far ahead of processing time (e.g. the broker's record timestamp) one event may move its
   * source's watermark: an event stamped further ahead counts as processing time + this. Bounds
   * what one wrong clock can do to everyone's windows. Undefined: no bound.
   */
  readonly maxLeadMs?: number;
}

/** The config after defaults and validation: what the tracker actually runs with. */
export interface ResolvedWatermarkConfig {
  readonly outOfOrdernessMs: number;
  readonly idleTimeoutMs: number | undefined;
  readonly quietAfterMs: number | undefined;
  readonly maxLeadMs: number | undefined;
}

export const DEFAULT_OUT_OF_ORDERNESS_MS = 10_000;
