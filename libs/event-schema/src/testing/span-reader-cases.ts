import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { aClickEvent } from './a-click-event';

// What the specs of the span readers (JsonClickEventSpans, AvroClickEventSpans) share: both must
// say yes only where decodeClickEvent accepts, under the same options and bounds.

export const NOW = Date.UTC(2025, 5, 1);
export const DAY = 86_400_000;
/** The raw sink's options: skew and retention against the record timestamp. */
export const RAW_SINK = { maxFutureSkewMs: 5 * 60_000, maxEventAgeMs: 89 * DAY };

/** Printable ASCII that JSON.stringify writes unescaped (no quote, no backslash). */
export const asciiText = (maxLength: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)),
    minLength: 0,
    maxLength,
  });

/** Any validation options but the clock, each possibly absent (then the default applies). */
export const spanReaderOptions = fc.record(
  {
    minTs: fc.integer({ min: 0, max: NOW }),
    maxFutureSkewMs: fc.nat(DAY),
    maxEventAgeMs: fc.nat(200 * DAY),
    maxUserIdLength: fc.nat(140),
    maxPageLength: fc.nat(2100),
    maxReferrerLength: fc.nat(2100),
  },
  { requiredKeys: [] },
);

/** Messages at each bound of the raw sink's rules and one step past it, with whether decodeClickEvent accepts them at NOW. */
export function boundCases(encode: (event: ClickEvent) => Buffer): [Buffer, boolean][] {
  const at = (fields: Partial<ClickEvent>) => encode(aClickEvent({ ts: NOW, ...fields }));
  return [
    [at({ ts: NOW + RAW_SINK.maxFutureSkewMs }), true],
    [at({ ts: NOW + RAW_SINK.maxFutureSkewMs + 1 }), false],
    [at({ ts: NOW - RAW_SINK.maxEventAgeMs }), true],
    [at({ ts: NOW - RAW_SINK.maxEventAgeMs - 1 }), false],
    [at({ user_id: 'u'.repeat(128) }), true],
    [at({ user_id: 'u'.repeat(129) }), false],
    [at({ user_id: '' }), false],
    [at({ page: `/${'p'.repeat(2047)}` }), true],
    [at({ page: `/${'p'.repeat(2048)}` }), false],
    [at({ page: '' }), false],
    [at({ referrer: `/${'r'.repeat(2047)}` }), true],
    [at({ referrer: `/${'r'.repeat(2048)}` }), false],
    [at({ country: 'us' }), false],
    [at({ country: 'USA' }), false],
    [at({ event_id: '00000000-0000-0000-0000-000000000000' }), false],
    [at({ event_id: 'not-a-uuid' }), false],
    [at({ user_id: 'tab\there' }), false],
  ];
}
