export { WindowSeriesScorer, type Anomaly } from './scorer/window-series-scorer';
export { InvalidWindowError } from './scorer/invalid-window-error';
export { scoreCount, anscombe, type CountScore } from './scoring/count-score';
export { anomalyKindOf, type AnomalyKind } from './scoring/anomaly-verdict';
export {
  DEFAULT_ANOMALY_SCORER_CONFIG,
  resolveAnomalyScorerConfig,
  type AnomalyDirection,
  type AnomalyScorerConfig,
  type ResolvedAnomalyScorerConfig,
} from './config/anomaly-scorer-config';
export { InvalidAnomalyConfigError } from './config/invalid-anomaly-config-error';
