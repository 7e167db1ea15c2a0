/**
 * The watermark before any event has been seen. Flink uses Long.MIN_VALUE; JS numbers are exact
 * only within ±(2^53 - 1) and -Infinity does not survive JSON, so we use the smallest safe integer.
 */
export const MIN_WATERMARK = Number.MIN_SAFE_INTEGER;

/** The end-of-input watermark: handing it to the window engine fires and purges every window. */
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;
