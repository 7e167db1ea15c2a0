import { describeValue } from './describe-value';

/** The timestamp extractor returned something that is not an integer ms value; window math would corrupt state. */
export class InvalidEventTimestampError extends Error {
  override readonly name = 'InvalidEventTimestampError';

  constructor(
    readonly key: string,
    readonly timestamp: unknown,
  ) {
    super(`Invalid event timestamp for key ${describeValue(key)}: ${describeValue(timestamp)} (need a safe integer ms)`);
  }
}
