import { describeValue } from './describe-value';

/** A snapshot handed to WindowEngine.restore (or a measure's restoreAcc) has the wrong shape. */
export class WindowSnapshotError extends Error {
  override readonly name = 'WindowSnapshotError';

  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly requirement: string,
  ) {
    super(`Invalid window snapshot at ${path}: ${describeValue(value).slice(0, 200)} (${requirement})`);
  }
}
