import type { ResolvedAnomalyScorerConfig } from '../config/anomaly-scorer-config';
import type { CountScore } from './count-score';

export type AnomalyKind = 'spike' | 'drop';

/**
 * The verdict on a scored count: an anomaly needs all of statistical surprise (|score| >=
 * threshold), volume (a spike of at least `minVolume` clicks, a drop from a baseline of at least
 * `minVolume`: small keys are never judged) and size (at least `minRatio` times up or down, so a
 * 10% wobble on a page with 50,000 clicks a minute, significant as it is, is not an alert).
 * Undefined = not an anomaly, or too little history for a verdict.
 */
export function anomalyKindOf(s: CountScore, config: ResolvedAnomalyScorerConfig): AnomalyKind | undefined {
  if (s.historySize < config.minHistory) return undefined;
  if (config.direction !== 'drop' && s.score >= config.threshold) {
    if (s.observed >= config.minVolume && s.observed >= config.minRatio * s.baseline) return 'spike';
  }
  if (config.direction !== 'spike' && s.score <= -config.threshold) {
    if (s.baseline >= config.minVolume && s.observed * config.minRatio <= s.baseline) return 'drop';
  }
  return undefined;
}
