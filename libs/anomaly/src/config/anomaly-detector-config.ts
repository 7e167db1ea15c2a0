import { InvalidAnomalyDetectorConfigError } from './invalid-anomaly-detector-config-error';

/** `up` flags only spikes (what click dashboards care about); `both` also flags drops. */
export type AnomalyDirection = 'up' | 'both';

export interface AnomalyDetectorConfig {
  /** Trailing windows per key that form the baseline. Default 30. */
  readonly historyLength?: number;
  /** Fewer baseline windows than this: no verdict yet. Default 5. */
  readonly minHistory?: number;
  /** |z| (or z, for `up`) at or above this is an anomaly. Default 3. */
  readonly threshold?: number;
  /** Floor for the standard deviation used in z, so flat histories still score. Default 1. */
  readonly minStdDev?: number;
  /** Default `up`. */
  readonly direction?: AnomalyDirection;
}

export type ResolvedAnomalyDetectorConfig = Required<AnomalyDetectorConfig>;

export const DEFAULT_ANOMALY_DETECTOR_CONFIG: ResolvedAnomalyDetectorConfig = {
  historyLength: 30,
  minHistory: 5,
  threshold: 3,
  minStdDev: 1,
  direction: 'up',
};

/** Fills defaults and checks every field; throws `InvalidAnomalyDetectorConfigError`. */
export function resolveAnomalyDetectorConfig(config: AnomalyDetectorConfig = {}): ResolvedAnomalyDetectorConfig {
  const resolved = { ...DEFAULT_ANOMALY_DETECTOR_CONFIG, ...withoutUndefined(config) };
  const { historyLength, minHistory, threshold, minStdDev, direction } = resolved;
  if (!Number.isInteger(historyLength) || historyLength < 2) {
    throw new InvalidAnomalyDetectorConfigError('historyLength', historyLength, 'an integer >= 2');
  }
  // A sample standard deviation needs at least two points.
  if (!Number.isInteger(minHistory) || minHistory < 2 || minHistory > historyLength) {
    const rule = `an integer between 2 and historyLength (${historyLength})`;
    throw new InvalidAnomalyDetectorConfigError('minHistory', minHistory, rule);
  }
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new InvalidAnomalyDetectorConfigError('threshold', threshold, 'a finite number > 0');
  }
  if (!Number.isFinite(minStdDev) || minStdDev < 0) {
    throw new InvalidAnomalyDetectorConfigError('minStdDev', minStdDev, 'a finite number >= 0');
  }
  if (direction !== 'up' && direction !== 'both') {
    throw new InvalidAnomalyDetectorConfigError('direction', direction, "'up' or 'both'");
  }
  return resolved;
}

/** So `{ threshold: undefined }` means "default", not "override with undefined". */
function withoutUndefined(config: AnomalyDetectorConfig): AnomalyDetectorConfig {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}
