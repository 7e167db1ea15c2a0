import type { TimeWindow } from '../window/time-window';

/**
 * Receives panes as they fire, with the key's accumulator itself (Flink's `Collector`): a writer
 * reads what it needs straight from the state, and no pane, result or id array is made per pane
 * (at 20,000 pages most keys fire a pane of their own, and those four objects per pane were the
 * largest garbage that grows with keys; issue 14).
 *
 * `acc` is valid only during the call: in discarding mode it is emptied (or dropped) right after.
 * Do not keep it or change it.
 */
export interface PaneCollector<Acc> {
  collect(key: string, window: TimeWindow, pane: number, isFinal: boolean, acc: Acc): void;
}
