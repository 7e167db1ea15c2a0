import type { AnomalyDirection } from '../config/anomaly-detector-config';

/**
 * How many standard deviations `value` lies from `mean`. A zero `stddev` can only reach here
 * when the configured floor is 0: then a value equal to the mean scores 0 and any other value
 * ±Infinity (flat history, any change is infinitely surprising).
 */
export function zScore(value: number, mean: number, stddev: number): number {
  if (stddev > 0) return (value - mean) / stddev;
  if (value === mean) return 0;
  return value > mean ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Inclusive: a value exactly `threshold` standard deviations out is an anomaly ("3σ or more"). */
export function isAnomalousZ(z: number, threshold: number, direction: AnomalyDirection): boolean {
  return direction === 'up' ? z >= threshold : Math.abs(z) >= threshold;
}
