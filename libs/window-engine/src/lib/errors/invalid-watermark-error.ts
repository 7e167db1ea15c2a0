import { describeValue } from './describe-value';

/** advanceWatermark was given NaN (or a non-number), which no comparison could order. */
export class InvalidWatermarkError extends Error {
  override readonly name = 'InvalidWatermarkError';

  constructor(readonly watermark: unknown) {
    super(`Invalid watermark: ${describeValue(watermark)} (need a number; use Number.MAX_SAFE_INTEGER to flush)`);
  }
}
