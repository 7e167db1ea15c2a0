import type { TimeWindow } from '../window/time-window';

/**
 * Maps an event timestamp to the windows it belongs to. Windows are key-independent and never
 * share a start (true for tumbling and hopping windows); session windows, which merge per key,
 * will need a separate merging-assigner interface.
 */
export interface WindowAssigner {
  /** Every window containing `timestamp`, ordered by start. Hopping windows return several. */
  assignWindows(timestamp: number): readonly TimeWindow[];
}

/**
 * An assigner that puts each timestamp in exactly one window. The engine detects it and skips
 * the per-event array, which matters at a million events per second.
 */
export interface SingleWindowAssigner extends WindowAssigner {
  readonly singleWindow: true;
  windowStart(timestamp: number): number;
  windowEnd(windowStart: number): number;
}

export function isSingleWindowAssigner(assigner: WindowAssigner): assigner is SingleWindowAssigner {
  return (assigner as Partial<SingleWindowAssigner>).singleWindow === true;
}
