import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { DEVICES } from '../click-event/device';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { asciiText, boundCases, DAY, NOW, RAW_SINK, spanReaderOptions } from '../testing/span-reader-cases';
import type { ClickEventValidationOptions } from '../validation/validation-options';
import { AvroClickEventSpans } from './avro-click-event-spans';
import { decodeClickEvent } from './decode-click-event';
import { writeAvroFrame } from './avro-frame';
import { encodeClickEventAvro } from './encode-click-event-avro';
import { applyByteEdits, byteEditsArbitrary } from '../testing/byte-edits';


type Options = Omit<ClickEventValidationOptions, 'now'>;

/** The event the spans describe, made into strings as decodeClickEvent would (or undefined: left to decodeClickEvent). */
function readEvent(bytes: Buffer, now: number, options: Options = RAW_SINK): ClickEvent | undefined {
  const s = new AvroClickEventSpans(options);
  if (!s.read(bytes, now)) return undefined;
  const text = (start: number, end: number) => bytes.toString('latin1', start, end);
  const id = text(s.eventIdStart, s.eventIdStart + 36);
  return {
    event_id: s.eventIdUppercase ? id.toLowerCase() : id,
    user_id: text(s.userIdStart, s.userIdEnd),
    ts: s.ts,
    page: text(s.pageStart, s.pageEnd),
    referrer: text(s.referrerStart, s.referrerEnd),
    country: text(s.countryStart, s.countryStart + 2),
    device: s.device,
  };
}

/** The reader never widens what is valid: whatever it reads, decodeClickEvent accepts with the same fields. */
function expectSound(bytes: Buffer, now: number, options: Options = RAW_SINK): void {
  const read = readEvent(bytes, now, options);
  if (read === undefined) return;
  const decoded = decodeClickEvent(bytes, { ...options, now: () => now });
  expect(decoded.ok).toBe(true);
  if (decoded.ok) expect(read).toEqual(decoded.event);
}

/** Events with plain ASCII text that Avro can carry (a schema device), valid or not (empty, long, odd country, bad id). */
const asciiEvent = fc.record({
  event_id: fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'not-a-uuid')),
  user_id: asciiText(140),
  ts: fc.oneof(fc.integer({ min: NOW - 100 * DAY, max: NOW + 10 * 60_000 }), fc.integer({ min: -(2 ** 50), max: 2 ** 50 })),
  page: fc.oneof(asciiText(20), fc.nat(2100).map((n) => `/${'p'.repeat(n)}`)),
  referrer: fc.oneof(fc.constant(''), fc.webUrl(), fc.nat(2100).map((n) => `https://r/${'r'.repeat(n)}`)),
  country: fc.oneof(fc.constantFrom('US', 'DE', 'ZZ', 'us', 'U', 'USA', '@Z', 'Z['), asciiText(3)),
  device: fc.constantFrom(...DEVICES),
}) as fc.Arbitrary<ClickEvent>;

describe('AvroClickEventSpans', () => {
  it("reads the producer's Avro: every field where decodeClickEvent finds it", () => {
    const event = aClickEvent({ user_id: 'u-7', referrer: 'https://example.com/a', ts: NOW - 1000, device: 'tablet' });
    expect(readEvent(encodeClickEventAvro(event), NOW)).toEqual(event);
    const upper = { ...event, event_id: event.event_id.toUpperCase() };
    expect(readEvent(encodeClickEventAvro(upper), NOW)).toEqual(event);
    expect(readEvent(encodeClickEventAvro({ ...event, referrer: '' }), NOW)).toEqual({ ...event, referrer: '' });
  });

  it('leaves older schema versions, quotes, backslashes and non-ASCII text to decodeClickEvent', () => {
    const event = aClickEvent({ ts: NOW });
    const valid = [
      // v2: the same fields plus session_id (since removed), read through a resolver.
      writeAvroFrame(2, clickEventSchemaRegistry.writerTypeFor(2), { ...event, session_id: 's-1' }),
      encodeClickEventAvro({ ...event, user_id: 'say "hi"' }),
      encodeClickEventAvro({ ...event, page: '/a\\b' }),
      encodeClickEventAvro({ ...event, user_id: 'caf\u00e9' }),
      encodeClickEventAvro({ ...event, referrer: 'https://r/\ud83d\ude00' }),
    ];
    for (const bytes of valid) {
      expect(decodeClickEvent(bytes, { ...RAW_SINK, now: () => NOW }).ok).toBe(true);
      expect(readEvent(bytes, NOW)).toBeUndefined();
    }
  });

  it('never decides a rejection itself: at each bound, one step past it is left to decodeClickEvent', () => {
    const body = encodeClickEventAvro(aClickEvent({ ts: NOW }));
    const cases: [Buffer, boolean][] = [
      ...boundCases((event) => encodeClickEventAvro(event)),
      [Buffer.concat([body, Buffer.from([0])]), false], // a trailing byte
      [body.subarray(0, body.length - 1), false], // truncated
      [Buffer.concat([body.subarray(0, body.length - 1), Buffer.from([8])]), false], // device index 4: no such symbol
      [Buffer.concat([Buffer.from([0, 0, 0, 0, 99]), body.subarray(5)]), false], // unknown schema id
    ];
    for (const [bytes, valid] of cases) {
      expect(decodeClickEvent(bytes, { ...RAW_SINK, now: () => NOW }).ok).toBe(valid);
      expect(readEvent(bytes, NOW) !== undefined).toBe(valid);
      expectSound(bytes, NOW);
    }
  });

  it('judges the ts against the `now` it is given (the raw sink passes the record timestamp)', () => {
    const bytes = encodeClickEventAvro(aClickEvent({ ts: NOW }));
    expect(readEvent(bytes, NOW)).toBeDefined();
    expect(readEvent(bytes, NOW - RAW_SINK.maxFutureSkewMs - 1)).toBeUndefined();
    expect(readEvent(bytes, NOW + RAW_SINK.maxEventAgeMs + 1)).toBeUndefined();
    expect(readEvent(bytes, NOW + 365 * DAY, { maxFutureSkewMs: 0 })).toBeDefined(); // no retention bound given
  });

  it('on plain ASCII text, reads exactly what decodeClickEvent accepts, under any options (property)', () => {
    fc.assert(
      fc.property(asciiEvent, spanReaderOptions, fc.integer({ min: NOW - DAY, max: NOW + DAY }), (event, opts, now) => {
        const bytes = encodeClickEventAvro(event);
        const decoded = decodeClickEvent(bytes, { ...opts, now: () => now });
        const read = readEvent(bytes, now, opts);
        expect(read !== undefined).toBe(decoded.ok);
        if (decoded.ok) expect(read).toEqual(decoded.event);
      }),
      { numRuns: 2000 },
    );
  });

  it('is sound on any valid event, ASCII or not (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary({ maxTs: NOW }), (event) => expectSound(encodeClickEventAvro(event), NOW, {})),
      { numRuns: 500 },
    );
  });

  it('is sound on corrupted frames: never reads what decodeClickEvent would reject (property)', () => {
    const valid = fc.record({
      event_id: fc.uuid().filter((id) => !/^(0{8}|f{8})-/.test(id)),
      user_id: asciiText(40).filter((s) => s.length > 0),
      ts: fc.integer({ min: NOW - 80 * DAY, max: NOW }),
      page: asciiText(40).filter((s) => s.length > 0),
      referrer: fc.oneof(fc.constant(''), fc.webUrl()),
      country: fc.constantFrom('US', 'DE', 'ZZ'),
      device: fc.constantFrom(...DEVICES),
    });
    fc.assert(
      fc.property(valid, byteEditsArbitrary(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }), (event, edits) => {
        expectSound(applyByteEdits(encodeClickEventAvro(event), edits), NOW);
      }),
      { numRuns: 3000 },
    );
  });
});
