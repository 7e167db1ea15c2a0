import type { AnomalyDetectorSnapshot } from './anomaly-detector-snapshot';
import { InvalidAnomalySnapshotError } from './invalid-anomaly-snapshot-error';

/**
 * Checks a snapshot read back from a checkpoint store before it becomes detector state; a bad
 * one throws `InvalidAnomalySnapshotError` rather than producing NaN verdicts later.
 */
export function checkAnomalyDetectorSnapshot(snapshot: unknown): AnomalyDetectorSnapshot {
  if (typeof snapshot !== 'object' || snapshot === null) {
    throw new InvalidAnomalySnapshotError('snapshot', 'is not an object');
  }
  const { format, keys } = snapshot as Partial<Record<keyof AnomalyDetectorSnapshot, unknown>>;
  if (format !== 1) throw new InvalidAnomalySnapshotError('format', `is ${String(format)}, expected 1`);
  if (!Array.isArray(keys)) throw new InvalidAnomalySnapshotError('keys', 'is not an array');
  const seen = new Set<string>();
  keys.forEach((entry: unknown, i) => {
    const path = `keys[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 3) {
      throw new InvalidAnomalySnapshotError(path, 'is not a [key, lastWindowStart, values] tuple');
    }
    const [key, lastWindowStart, values] = entry as unknown[];
    if (typeof key !== 'string') throw new InvalidAnomalySnapshotError(`${path}[0]`, 'is not a string key');
    if (seen.has(key)) throw new InvalidAnomalySnapshotError(`${path}[0]`, `repeats key ${JSON.stringify(key)}`);
    seen.add(key);
    if (!Number.isFinite(lastWindowStart)) {
      throw new InvalidAnomalySnapshotError(`${path}[1]`, 'is not a finite window start');
    }
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => Number.isFinite(v))) {
      throw new InvalidAnomalySnapshotError(`${path}[2]`, 'is not a non-empty array of finite numbers');
    }
  });
  return snapshot as AnomalyDetectorSnapshot;
}
