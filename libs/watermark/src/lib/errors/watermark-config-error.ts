import { describeValue } from './describe-value';

/** A WatermarkTracker config field is invalid; raised at construction so a bad deploy fails fast. */
export class WatermarkConfigError extends Error {
  override readonly name = 'WatermarkConfigError';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly requirement: string,
  ) {
    super(`Invalid watermark config: ${field} = ${describeValue(value)} (${requirement})`);
  }
}
