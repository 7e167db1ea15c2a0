import type { TimeWindow } from '../window/time-window';
import type { KeyState } from './window-state';

/**
 * Receives panes as they fire, with the key's state and accumulator themselves (Flink's
 * `Collector`): a writer reads what it needs straight from the state, and no pane, result or id
 * array is made per pane (at 20,000 pages most keys fire a pane of their own, and those four
 * objects per pane were the largest garbage that grows with keys; issue 14). `keyState.key` is the
 * key; an aggregation's own key states (Aggregation.createKeyState) may offer more.
 *
 * `acc` is valid only during the call: in discarding mode it is emptied (or dropped) right after.
 * Do not keep it or the key state, or change what they hold (compacting `acc`, as UniqueIds.compact
 * does, is fine). Do not call back into the engine from `collect`: it runs in the middle of a
 * firing (the pane is numbered, the accumulator not yet emptied), so an add, a snapshot or a
 * watermark there would see a half-fired window.
 */
export interface PaneCollector<Acc> {
  collect(keyState: KeyState<Acc>, window: TimeWindow, pane: number, isFinal: boolean, acc: Acc): void;
}
