import { describeValue } from './describe-value';

/** A snapshot handed to WatermarkTracker.restore does not have the expected shape. */
export class WatermarkSnapshotError extends Error {
  override readonly name = 'WatermarkSnapshotError';

  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly requirement: string,
  ) {
    super(`Invalid watermark snapshot at ${path}: ${describeValue(value)} (${requirement})`);
  }
}
