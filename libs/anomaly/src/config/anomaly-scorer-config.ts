import { InvalidAnomalyConfigError } from './invalid-anomaly-config-error';

/** `spike` flags only counts above the baseline, `drop` only below, `both` either. */
export type AnomalyDirection = 'spike' | 'drop' | 'both';

export interface AnomalyScorerConfig {
  /** Trailing windows per key that form the baseline. Default 30. */
  readonly historyLength?: number;
  /** Fewer earlier windows than this: no verdict yet (the warm-up). Default 3. */
  readonly minHistory?: number;
  /** |score| at or above this is an anomaly (score = robust z on the square-root scale). Default 4.5. */
  readonly threshold?: number;
  /** A spike needs at least this many clicks in the window, a drop a baseline of at least this. Default 20. */
  readonly minVolume?: number;
  /** A spike needs count >= ratio x baseline, a drop count <= baseline / ratio. Default 1.5. */
  readonly minRatio?: number;
  /** Default `both`. */
  readonly direction?: AnomalyDirection;
}

export type ResolvedAnomalyScorerConfig = Required<AnomalyScorerConfig>;

/**
 * Chosen on the producer's traffic model with `npm run bench:anomaly` (docs/benchmarks.md): at 500
 * events/s they keep false positives well under 1 per hour over all keys while flagging 3x spikes
 * and drops on pages with 50+ clicks a minute.
 */
export const DEFAULT_ANOMALY_SCORER_CONFIG: ResolvedAnomalyScorerConfig = {
  historyLength: 30,
  minHistory: 3,
  threshold: 4.5,
  minVolume: 20,
  minRatio: 1.5,
  direction: 'both',
};

/** Fills defaults and checks every field; throws `InvalidAnomalyConfigError`. */
export function resolveAnomalyScorerConfig(config: AnomalyScorerConfig = {}): ResolvedAnomalyScorerConfig {
  const resolved = { ...DEFAULT_ANOMALY_SCORER_CONFIG, ...withoutUndefined(config) };
  const { historyLength, minHistory, threshold, minVolume, minRatio, direction } = resolved;
  if (!Number.isInteger(historyLength) || historyLength < 1 || historyLength > 10_000) {
    throw new InvalidAnomalyConfigError('historyLength', historyLength, 'an integer between 1 and 10000');
  }
  if (!Number.isInteger(minHistory) || minHistory < 1 || minHistory > historyLength) {
    throw new InvalidAnomalyConfigError('minHistory', minHistory, `an integer between 1 and historyLength (${historyLength})`);
  }
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new InvalidAnomalyConfigError('threshold', threshold, 'a finite number > 0');
  }
  if (!Number.isFinite(minVolume) || minVolume < 0) {
    throw new InvalidAnomalyConfigError('minVolume', minVolume, 'a finite number >= 0');
  }
  if (!Number.isFinite(minRatio) || minRatio < 1) {
    throw new InvalidAnomalyConfigError('minRatio', minRatio, 'a finite number >= 1');
  }
  if (direction !== 'spike' && direction !== 'drop' && direction !== 'both') {
    throw new InvalidAnomalyConfigError('direction', direction, "'spike', 'drop' or 'both'");
  }
  return resolved;
}

/** So `{ threshold: undefined }` means "default", not "override with undefined". */
function withoutUndefined(config: AnomalyScorerConfig): AnomalyScorerConfig {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}
