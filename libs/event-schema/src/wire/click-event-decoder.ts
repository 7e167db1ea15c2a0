import type { DecodeClickEventOptions, DecodeClickEventResult } from './decode-click-event-result';
import { decodeClickEvent } from './decode-click-event';

/**
 * `decodeClickEvent` for a consumer loop: same results, but reads the clock only when an event
 * looks too far in the future, instead of once per event (`Date.now()` costs 20-60 ns, a tenth
 * of the decode budget on a VM).
 *
 * It keeps the last clock reading. A reading that lags the clock only makes the future check
 * stricter, so a `ts_in_future` verdict is re-checked with a fresh reading before it stands; an
 * accepted event would also have been accepted with the exact time. If the wall clock steps
 * backwards, the check is lenient by at most that step until the next re-read.
 */
export class ClickEventDecoder {
  private readonly clock: () => number;
  private clockReading: number;
  private readonly options: DecodeClickEventOptions;

  constructor(options: DecodeClickEventOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.clockReading = this.clock();
    this.options = { ...options, now: () => this.clockReading };
  }

  /** Never throws; see `decodeClickEvent`. */
  decode(bytes: Buffer | null): DecodeClickEventResult {
    const result = decodeClickEvent(bytes, this.options);
    if (result.ok || result.reason !== 'ts_in_future') return result;
    const reading = this.clock();
    if (reading <= this.clockReading) return result;
    this.clockReading = reading;
    return decodeClickEvent(bytes, this.options);
  }
}
