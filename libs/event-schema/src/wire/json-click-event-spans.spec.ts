import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { DEVICES } from '../click-event/device';
import { aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { asciiText, boundCases, DAY, NOW, RAW_SINK, spanReaderOptions } from '../testing/span-reader-cases';
import type { ClickEventValidationOptions } from '../validation/validation-options';
import { decodeClickEvent } from './decode-click-event';
import { encodeClickEventJson } from './encode-click-event-json';
import { JsonClickEventSpans } from './json-click-event-spans';
import { applyByteEdits, byteEditsArbitrary } from '../testing/byte-edits';


type Options = Omit<ClickEventValidationOptions, 'now'>;

/** The event the spans describe, made into strings as decodeClickEvent would (or undefined: the reader left it to JSON.parse). */
function readEvent(bytes: Buffer, now: number, options: Options = RAW_SINK): ClickEvent | undefined {
  const s = new JsonClickEventSpans(options);
  if (!s.read(bytes, now)) return undefined;
  const text = (start: number, end: number) => bytes.toString('latin1', start, end);
  const id = text(s.eventIdStart, s.eventIdStart + 36);
  expect(text(s.tsStart, s.tsEnd)).toBe(String(s.ts));
  return {
    event_id: s.eventIdUppercase ? id.toLowerCase() : id,
    user_id: text(s.userIdStart, s.userIdEnd),
    ts: s.ts,
    page: text(s.pageStart, s.pageEnd),
    referrer: text(s.referrerStart, s.referrerEnd),
    country: text(s.countryStart, s.countryStart + 2),
    device: text(s.deviceStart, s.deviceEnd) as ClickEvent['device'],
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

/** Events of the producer's shape with printable ASCII text, valid or not (empty, long, odd country or device). */
const asciiEvent = fc.record({
  event_id: fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'not-a-uuid')),
  user_id: asciiText(140),
  ts: fc.oneof(fc.integer({ min: NOW - 100 * DAY, max: NOW + 10 * 60_000 }), fc.integer({ min: 0, max: 2 ** 50 })),
  page: fc.oneof(asciiText(20), fc.nat(2100).map((n) => `/${'p'.repeat(n)}`)),
  referrer: fc.oneof(fc.constant(''), fc.webUrl(), fc.nat(2100).map((n) => `https://r/${'r'.repeat(n)}`)),
  country: fc.oneof(fc.constantFrom('US', 'DE', 'ZZ', 'us', 'U', 'USA', '@Z', 'Z['), asciiText(3)),
  device: fc.oneof(fc.constantFrom(...DEVICES, 'Desktop', 'bots', 'bo', ''), asciiText(8)),
}) as fc.Arbitrary<ClickEvent>;

describe('JsonClickEventSpans', () => {
  it("reads the producer's JSON: every field where decodeClickEvent finds it", () => {
    const event = aClickEvent({ user_id: 'u-7', referrer: 'https://example.com/a', ts: NOW - 1000 });
    expect(readEvent(encodeClickEventJson(event), NOW)).toEqual(event);
    const upper = { ...event, event_id: event.event_id.toUpperCase() };
    expect(readEvent(encodeClickEventJson(upper), NOW)).toEqual(event);
  });

  it('takes null as the empty referrer and JSON whitespace between tokens', () => {
    const event = aClickEvent({ ts: NOW });
    const spaced = JSON.stringify({ ...event, referrer: null }, null, 2);
    expect(readEvent(Buffer.from(` \n${spaced} \t\r\n`), NOW)).toEqual({ ...event, referrer: '' });
  });

  it('leaves every unusual but valid shape to the JSON.parse decoder', () => {
    const event = aClickEvent({ ts: NOW });
    const { event_id, user_id, ts, page, referrer, country, device } = event;
    const json = encodeClickEventJson(event).toString();
    const unusual = [
      JSON.stringify({ user_id, event_id, ts, page, referrer, country, device }), // other order
      JSON.stringify({ event_id, user_id, ts, page, country, device }), // referrer absent
      JSON.stringify({ ...event, extra: 1 }), // extra field
      JSON.stringify({ ...event, user_id: 'caf\u00e9' }), // non-ASCII
      JSON.stringify({ ...event, page: '/\ud83d\ude00' }), // a surrogate pair
      JSON.stringify({ ...event, ts: ts - 0.5 }).replace(/\.5/, '.0'), // a fraction spelling of an integer
      json.replace('"page":"', '"page":"\\u002f'), // an escape
      json.replace(`"ts":${ts}`, `"ts":${ts}e0`), // exponent
    ];
    for (const text of unusual) {
      expect(decodeClickEvent(Buffer.from(text), { ...RAW_SINK, now: () => NOW }).ok).toBe(true);
      expect(readEvent(Buffer.from(text), NOW)).toBeUndefined();
    }
  });

  it('never decides a rejection itself: at each bound, one step past it is left to decodeClickEvent', () => {
    const at = (fields: Partial<ClickEvent>) => encodeClickEventJson(aClickEvent({ ts: NOW, ...fields }));
    const cases: [Buffer, boolean][] = [
      ...boundCases(encodeClickEventJson),
      [at({ device: 'toaster' as ClickEvent['device'] }), false],
      [Buffer.from(encodeClickEventJson(aClickEvent({ ts: NOW })).toString().replace('"page":"/', '"page":"\\ud800')), false],
      [Buffer.concat([Buffer.from('{"event_id":"'), Buffer.from([0xff]), Buffer.from('"}')]), false],
    ];
    for (const [bytes, valid] of cases) {
      expect(decodeClickEvent(bytes, { ...RAW_SINK, now: () => NOW }).ok).toBe(valid);
      expect(readEvent(bytes, NOW) !== undefined).toBe(valid);
      expectSound(bytes, NOW);
    }
  });

  it('judges the ts against the `now` it is given (the raw sink passes the record timestamp)', () => {
    const bytes = encodeClickEventJson(aClickEvent({ ts: NOW }));
    expect(readEvent(bytes, NOW)).toBeDefined();
    expect(readEvent(bytes, NOW - RAW_SINK.maxFutureSkewMs - 1)).toBeUndefined();
    expect(readEvent(bytes, NOW + RAW_SINK.maxEventAgeMs + 1)).toBeUndefined();
    expect(readEvent(bytes, NOW + 365 * DAY, { maxFutureSkewMs: 0 })).toBeDefined(); // no retention bound given
  });

  it("on the producer's shape with ASCII text, reads exactly what decodeClickEvent accepts, under any options (property)", () => {
    fc.assert(
      fc.property(asciiEvent, spanReaderOptions, fc.integer({ min: NOW - DAY, max: NOW + DAY }), fc.boolean(), (event, opts, now, nullReferrer) => {
        const wire = nullReferrer && event.referrer === '' ? { ...event, referrer: null } : event;
        const bytes = Buffer.from(JSON.stringify({ event_id: wire.event_id, user_id: wire.user_id, ts: wire.ts, page: wire.page, referrer: wire.referrer, country: wire.country, device: wire.device }));
        const decoded = decodeClickEvent(bytes, { ...opts, now: () => now });
        const read = readEvent(bytes, now, opts);
        expect(read !== undefined).toBe(decoded.ok);
        if (decoded.ok) expect(read).toEqual(decoded.event);
      }),
      { numRuns: 2000 },
    );
  });

  it('is sound on any valid event, ASCII or not, in any JSON spelling (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary({ maxTs: NOW }), fc.constantFrom(0, 1, 2), (event, style) => {
        const text = style === 0 ? encodeClickEventJson(event).toString() : style === 1 ? JSON.stringify(event, null, 1) : JSON.stringify({ ...event, referrer: event.referrer || null });
        expectSound(Buffer.from(text), NOW, {});
      }),
      { numRuns: 500 },
    );
  });

  it('is sound on corrupted messages: never reads what decodeClickEvent would reject (property)', () => {
    const byteValues = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from('{}[]",:\\ 0123456789.eE-nul\nAZaz')));
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
      fc.property(valid, byteEditsArbitrary(byteValues, { minLength: 1, maxLength: 6 }), (event, edits) => {
        expectSound(applyByteEdits(encodeClickEventJson(event), edits), NOW);
      }),
      { numRuns: 3000 },
    );
  });
});
