import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { DEVICES } from '../click-event/device';
import { DEFAULT_VALIDATION_LIMITS } from '../validation/validation-options';
import { FIXTURE_EPOCH_MS } from './a-click-event';

export interface ClickEventArbitraryOptions {
  /** Default: the validator's default minTs (2000-01-01). */
  readonly minTs?: number;
  /** Default: FIXTURE_EPOCH_MS, so events pass the default ts-in-future check. */
  readonly maxTs?: number;
}

const PLACEHOLDER_UUID = /^(0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/;
const UPPER_LETTER = fc.integer({ min: 0x41, max: 0x5a }).map((code) => String.fromCharCode(code));

/** Valid click events, including non-ASCII text, empty referrers and every device. */
export function clickEventArbitrary(options: ClickEventArbitraryOptions = {}): fc.Arbitrary<ClickEvent> {
  const limits = DEFAULT_VALIDATION_LIMITS;
  const text = (maxLength: number): fc.Arbitrary<string> =>
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.length <= maxLength);
  return fc.record({
    event_id: fc.uuid().filter((id) => !PLACEHOLDER_UUID.test(id)),
    user_id: text(limits.maxUserIdLength),
    ts: fc.integer({ min: options.minTs ?? limits.minTs, max: options.maxTs ?? FIXTURE_EPOCH_MS }),
    page: fc.oneof(fc.webPath().map((path) => (path === '' ? '/' : path)), text(limits.maxPageLength)),
    referrer: fc.oneof(fc.constant(''), fc.webUrl().filter((url) => url.length <= limits.maxReferrerLength)),
    country: fc.tuple(UPPER_LETTER, UPPER_LETTER).map(([a, b]) => a + b),
    device: fc.constantFrom(...DEVICES),
  });
}
