export { MAX_WATERMARK, MIN_WATERMARK } from './lib/bounds/watermark-bounds';
export {
  DEFAULT_OUT_OF_ORDERNESS_MS,
  type QuietAdvanceConfig,
  type ResolvedWatermarkConfig,
  type WatermarkTrackerConfig,
} from './lib/config/watermark-tracker-config';
export { resolveWatermarkConfig } from './lib/config/resolve-watermark-config';
export { InvalidEventTimeError } from './lib/errors/invalid-event-time-error';
export { InvalidProcessingTimeError } from './lib/errors/invalid-processing-time-error';
export { WatermarkConfigError } from './lib/errors/watermark-config-error';
export { WatermarkSnapshotError } from './lib/errors/watermark-snapshot-error';
export { WATERMARK_SNAPSHOT_FORMAT, type WatermarkSnapshot } from './lib/snapshot/watermark-snapshot';
export type { SourceId } from './lib/tracker/source-id';
export { WatermarkTracker } from './lib/tracker/watermark-tracker';
