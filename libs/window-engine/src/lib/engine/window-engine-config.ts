import type { Aggregation } from '../aggregation/aggregation';
import type { WindowAssigner } from '../assigners/window-assigner';

/**
 * 'accumulating' (Flink-like): every pane carries the whole window so far.
 * 'discarding' (Beam-style): a pane carries only what arrived since the previous pane.
 */
export type AccumulationMode = 'accumulating' | 'discarding';

export interface WindowEngineConfig<E, Acc, Out> {
  readonly assigner: WindowAssigner;
  /** Grouping key; build it once per event (e.g. in the decoder), the engine only looks it up. */
  readonly keyOf: (event: E) => string;
  /**
   * Optional: a small integer naming the event's key (>= 0; e.g. its number in the interner that
   * made the key), or -1. With it a window finds the key's state by index instead of hashing the
   * key string (that Map lookup was 10% of the aggregator at a live 20,000 events/s, issue 15). A
   * hint only: the key string decides, so an interner that starts over and reuses numbers for
   * other keys costs a lookup, never a wrong key.
   */
  readonly keySlotOf?: (event: E) => number;
  /**
   * Optional, with keySlotOf: the epoch in which its slots are exact (a non-negative integer).
   * While it returns the same value, keySlotOf gives a key one slot and a slot one key; a window
   * opened in that epoch then takes a slot that names nothing as a new key and keeps no Map of its
   * keys. Return a new value whenever slots are handed out again (an interner that starts over).
   */
  readonly keySlotEpoch?: () => number;
  /** Event time in epoch ms; must be a safe integer. */
  readonly timestampOf: (event: E) => number;
  readonly aggregation: Aggregation<E, Acc, Out>;
  /** How long after a window fires late events still update it. Default 0. */
  readonly allowedLatenessMs?: number;
  /** Default 'accumulating'. */
  readonly accumulationMode?: AccumulationMode;
  /**
   * Bounds the state: once more events than this are held in accumulators (added since their
   * key's last pane), the window holding the most emits early panes for its keys and drops their
   * accumulators (see `takeEarlyPanes`). Discarding mode only, where panes are partials that add
   * up exactly downstream. Default: no bound.
   */
  readonly maxHeldEvents?: number;
}
