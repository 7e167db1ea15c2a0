/** One flagged window: the value, the baseline it was judged against, and the verdict's z. */
export interface AnomalyRecord {
  readonly key: string;
  readonly windowStart: number;
  readonly value: number;
  /** Mean of the baseline (the key's previous windows, not including this one). */
  readonly mean: number;
  /** The standard deviation used for z: max(sample stddev of the baseline, minStdDev). */
  readonly stddev: number;
  /** (value − mean) / stddev. */
  readonly z: number;
  /** Number of baseline windows (minHistory..historyLength). */
  readonly historySize: number;
}
