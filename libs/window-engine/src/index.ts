export type { Aggregation } from './lib/aggregation/aggregation';
export { composeMeasures, type MeasureResults, type MeasureSet } from './lib/aggregation/compose-measures';
export { countMeasure } from './lib/aggregation/count-measure';
export type { JsonValue } from './lib/aggregation/json-value';
export { IdDictionary } from './lib/aggregation/id-dictionary';
export { DEFAULT_MAX_DICTIONARY_IDS, IdDictionaryRotation } from './lib/aggregation/id-dictionary-rotation';
export { UniqueIds, uniqueCountMeasure, type UniqueCount, type UniqueCountOptions } from './lib/aggregation/unique-count-measure';
export { DEFAULT_WINDOW_SIZE_MS, TumblingWindowAssigner } from './lib/assigners/tumbling-window-assigner';
export { isSingleWindowAssigner, type SingleWindowAssigner, type WindowAssigner } from './lib/assigners/window-assigner';
export type { FiredPane } from './lib/engine/fired-pane';
export type { KeyState } from './lib/engine/window-state';
export type { PaneCollector } from './lib/engine/pane-collector';
export type { LateEvent, LateReason } from './lib/engine/late-event';
export { WindowEngine } from './lib/engine/window-engine';
export { AsciiPairKeyIndex } from './lib/keys/ascii-pair-key-index';
export { StringPairKeyCache } from './lib/keys/string-pair-key-cache';
export type { AccumulationMode, WindowEngineConfig } from './lib/engine/window-engine-config';
export type { WindowEngineStats } from './lib/engine/window-engine-stats';
export { InvalidEventTimestampError } from './lib/errors/invalid-event-timestamp-error';
export { InvalidWatermarkError } from './lib/errors/invalid-watermark-error';
export { WindowAssignerContractError } from './lib/errors/window-assigner-contract-error';
export { WindowConfigError } from './lib/errors/window-config-error';
export { WindowSnapshotError } from './lib/errors/window-snapshot-error';
export {
  WINDOW_ENGINE_SNAPSHOT_FORMAT,
  type WindowEngineCounters,
  type WindowEngineSnapshot,
  type WindowStateSnapshot,
} from './lib/snapshot/window-engine-snapshot';
export { SnapshotStrings } from './lib/snapshot/snapshot-strings';
export type { TimeWindow } from './lib/window/time-window';
