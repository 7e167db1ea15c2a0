import { type ClickEventValidationOptions, DEFAULT_VALIDATION_LIMITS } from './validation-options';

/**
 * The value rules of checkClickEventFields that the span readers (JsonClickEventSpans,
 * AvroClickEventSpans) check on message bytes: the limits resolved from the options once, and the
 * timestamp's accept case. Readers only say yes with them; decodeClickEvent gives the rejections.
 */
export class SpanFieldRules {
  readonly minTs: number;
  readonly maxFutureSkewMs: number;
  readonly maxEventAgeMs: number | undefined;
  readonly maxUserIdLength: number;
  readonly maxPageLength: number;
  readonly maxReferrerLength: number;

  /** The same options `decodeClickEvent` gets, except the clock: readers take `now` per message. */
  constructor(options: Omit<ClickEventValidationOptions, 'now'>) {
    const limits = DEFAULT_VALIDATION_LIMITS;
    this.minTs = options.minTs ?? limits.minTs;
    this.maxFutureSkewMs = options.maxFutureSkewMs ?? limits.maxFutureSkewMs;
    this.maxEventAgeMs = options.maxEventAgeMs;
    this.maxUserIdLength = options.maxUserIdLength ?? limits.maxUserIdLength;
    this.maxPageLength = options.maxPageLength ?? limits.maxPageLength;
    this.maxReferrerLength = options.maxReferrerLength ?? limits.maxReferrerLength;
  }

  /** checkTimestamp's accept case for an integer `ts`, with the same arithmetic. */
  tsAccepted(ts: number, now: number): boolean {
    if (ts < this.minTs) return false;
    const maxAge = this.maxEventAgeMs;
    if (maxAge !== undefined && ts < now - maxAge) return false;
    return ts <= now + this.maxFutureSkewMs;
  }
}
