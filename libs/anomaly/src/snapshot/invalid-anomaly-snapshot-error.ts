/** A snapshot handed to `restore` is malformed; `path` points at the offending part. */
export class InvalidAnomalySnapshotError extends Error {
  override readonly name = 'InvalidAnomalySnapshotError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`anomaly detector snapshot: ${path} ${reason}`);
  }
}
