/**
 * A detector's state as a plain, JSON-serialisable value. Compact on purpose (100k keys go into
 * a checkpoint): one tuple per key, no field names repeated.
 */
export interface AnomalyDetectorSnapshot {
  readonly format: 1;
  /** `[key, lastWindowStart, values oldest first]` per key. */
  readonly keys: readonly KeySnapshot[];
}

export type KeySnapshot = readonly [key: string, lastWindowStart: number, values: readonly number[]];
