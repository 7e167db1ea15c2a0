import { describeValue } from './describe-value';

/** Processing time is supplied by the caller; NaN or Infinity would freeze or break idleness. */
export class InvalidProcessingTimeError extends Error {
  override readonly name = 'InvalidProcessingTimeError';

  constructor(
    readonly operation: string,
    readonly processingTime: unknown,
  ) {
    super(`Invalid processing time passed to ${operation}: ${describeValue(processingTime)} (need a finite number of ms)`);
  }
}
