import type { TimeWindow } from '../window/time-window';

/** One emission for one (window, key). Panes of a window/key are numbered 0, 1, 2, ... */
export interface FiredPane<Out> {
  readonly key: string;
  readonly window: TimeWindow;
  readonly pane: number;
  /** True when the window's state is purged with this pane: no later pane can follow. */
  readonly isFinal: boolean;
  readonly measures: Out;
}
