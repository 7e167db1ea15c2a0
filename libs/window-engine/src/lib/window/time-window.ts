/** A half-open event-time interval [start, end) in epoch ms; its max timestamp is end - 1. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}
