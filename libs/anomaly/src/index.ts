export { ZScoreAnomalyDetector } from './detector/z-score-anomaly-detector';
export type { AnomalyRecord } from './detector/anomaly-record';
export { InvalidObservationError } from './detector/invalid-observation-error';
export type {
  AnomalyDetectorConfig,
  AnomalyDirection,
  ResolvedAnomalyDetectorConfig,
} from './config/anomaly-detector-config';
export { DEFAULT_ANOMALY_DETECTOR_CONFIG } from './config/anomaly-detector-config';
export { InvalidAnomalyDetectorConfigError } from './config/invalid-anomaly-detector-config-error';
export type { AnomalyDetectorSnapshot, KeySnapshot } from './snapshot/anomaly-detector-snapshot';
export { InvalidAnomalySnapshotError } from './snapshot/invalid-anomaly-snapshot-error';
