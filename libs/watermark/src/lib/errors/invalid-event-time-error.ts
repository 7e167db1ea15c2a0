import { describeValue } from './describe-value';

/** An event time that is not a safe integer (ms) would poison max/min arithmetic, so it is refused. */
export class InvalidEventTimeError extends Error {
  override readonly name = 'InvalidEventTimeError';

  constructor(
    readonly source: string | number,
    readonly eventTs: unknown,
  ) {
    super(`Invalid event time from source ${describeValue(source)}: ${describeValue(eventTs)} (need an integer ms timestamp)`);
  }
}
