import type { JsonValue } from '../aggregation/json-value';

export const WINDOW_ENGINE_SNAPSHOT_FORMAT = 'clickstream.window-engine.v3';
/** Before columns (`accs` always a value per key). Still restored. */
export const WINDOW_ENGINE_SNAPSHOT_FORMAT_V2 = 'clickstream.window-engine.v2';
/** The format before `strings`: accumulators held their strings themselves. Still restored. */
export const WINDOW_ENGINE_SNAPSHOT_FORMAT_V1 = 'clickstream.window-engine.v1';

/**
 * One open window, columnar: parallel arrays indexed by key position rather than an object per
 * key, so 100k keys stringify fast and small.
 */
export interface WindowStateSnapshot {
  readonly start: number;
  readonly end: number;
  readonly fired: boolean;
  readonly keys: string[];
  /** Next pane number per key; [] when every key is still at 0 (a window that has not fired). */
  readonly panes: number[];
  /**
   * Accumulator snapshot per key (the measure's snapshotAcc; null at the indices in `empty`), or,
   * when the measure writes columns (Aggregation.snapshotAccs), one value for the keys not in `empty`, in key order.
   */
  readonly accs: JsonValue[] | JsonValue;
  /** Keys with no accumulator: discarding mode after a pane, before new late data. */
  readonly empty: number[];
  /** Keys with a late pane due at the next advanceWatermark. */
  readonly pendingLate: number[];
  /** Events held per key under a maxHeldEvents bound; absent or [] when none is held or counted. */
  readonly held?: number[];
}

export interface WindowEngineCounters {
  readonly acceptedEvents: number;
  readonly lateEvents: number;
  readonly firedPanes: number;
}

/** The engine's full state: open and fired-but-retained windows, watermark and counters. */
export interface WindowEngineSnapshot {
  readonly format: typeof WINDOW_ENGINE_SNAPSHOT_FORMAT;
  readonly watermark: number;
  readonly counters: WindowEngineCounters;
  readonly windows: WindowStateSnapshot[];
  /** Strings the accumulators refer to by index (Aggregation.snapshotAcc), each once: user ids. */
  readonly strings: string[];
}
