import { WindowConfigError } from '../errors/window-config-error';
import type { TimeWindow } from '../window/time-window';
import type { SingleWindowAssigner } from './window-assigner';

export const DEFAULT_WINDOW_SIZE_MS = 60_000;

/** Fixed, non-overlapping windows [start, start + size) aligned to the epoch plus `offsetMs`. */
export class TumblingWindowAssigner implements SingleWindowAssigner {
  readonly singleWindow = true as const;

  constructor(
    readonly sizeMs = DEFAULT_WINDOW_SIZE_MS,
    readonly offsetMs = 0,
  ) {
    if (!Number.isSafeInteger(sizeMs) || sizeMs <= 0) throw new WindowConfigError('sizeMs', sizeMs, 'must be a positive integer number of ms');
    // Same constraint as Flink's TumblingEventTimeWindows: |offset| < size.
    if (!Number.isSafeInteger(offsetMs) || Math.abs(offsetMs) >= sizeMs) {
      throw new WindowConfigError('offsetMs', offsetMs, `must be an integer with |offsetMs| < sizeMs (${sizeMs})`);
    }
  }

  /** Remainder arithmetic rather than floor(ts / size): exact for every safe integer, negative ones included. */
  windowStart(timestamp: number): number {
    const remainder = (timestamp - this.offsetMs) % this.sizeMs;
    return remainder < 0 ? timestamp - remainder - this.sizeMs : timestamp - remainder;
  }

  windowEnd(windowStart: number): number {
    return windowStart + this.sizeMs;
  }

  assignWindows(timestamp: number): readonly TimeWindow[] {
    const start = this.windowStart(timestamp);
    return [{ start, end: start + this.sizeMs }];
  }
}
