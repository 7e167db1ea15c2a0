import type { TimeWindow } from '../window/time-window';

/** Why an event could not join a window. Only one reason today; a union so more can follow. */
export type LateReason = 'window_closed';

/** An event refused by one window: returned from add(), never dropped silently. */
export interface LateEvent<E> {
  readonly event: E;
  readonly window: TimeWindow;
  readonly reason: LateReason;
  /** The engine watermark that made the window late. */
  readonly watermark: number;
}
