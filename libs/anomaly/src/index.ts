export type {
  AnomalyDetectorConfig,
  AnomalyDirection,
  ResolvedAnomalyDetectorConfig,
} from './config/anomaly-detector-config';
export { DEFAULT_ANOMALY_DETECTOR_CONFIG } from './config/anomaly-detector-config';
export { InvalidAnomalyDetectorConfigError } from './config/invalid-anomaly-detector-config-error';
