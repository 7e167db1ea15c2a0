/** Bounds for validation; every field is optional and falls back to the default below. */
export interface ClickEventValidationOptions {
  /** Clock for the ts-in-future check (epoch ms). Injectable for tests and replays. */
  readonly now?: () => number;
  /** How far ahead of `now()` an event may be stamped (client clocks drift). */
  readonly maxFutureSkewMs?: number;
  /** Smallest acceptable ts; anything older is a broken clock, not late data. */
  readonly minTs?: number;
  /**
   * How far behind `now()` an event may be stamped: the tables' retention (their TTL), so an
   * event ClickHouse would drop at insert is dead-lettered as `beyond_retention` instead, and one
   * flush never spans more than a few months (partitions). No bound when absent.
   */
  readonly maxEventAgeMs?: number;
  readonly maxUserIdLength?: number;
  readonly maxPageLength?: number;
  readonly maxReferrerLength?: number;
}

export const DEFAULT_VALIDATION_LIMITS = {
  // Minutes, not an hour: an accepted future event holds windows open and skews event time.
  maxFutureSkewMs: 5 * 60 * 1000,
  minTs: Date.UTC(2000, 0, 1),
  maxUserIdLength: 128,
  maxPageLength: 2048,
  maxReferrerLength: 2048,
} as const;
