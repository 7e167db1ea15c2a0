import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { DEVICES } from '../click-event/device';
import { InternedClickEvent } from '../interning/interned-click-event';
import { aClickEvent } from '../testing/a-click-event';
import { applyByteEdits, byteEditsArbitrary } from '../testing/byte-edits';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { MapPairKeyInterner } from '../testing/map-pair-key-interner';
import { MapUserIdInterner } from '../testing/map-user-id-interner';
import { decodeClickEvent } from './decode-click-event';
import { encodeClickEventJson } from './encode-click-event-json';
import { InterningClickEventDecoder } from './interning-click-event-decoder';
import { JsonClickEventReader } from './json-click-event-reader';

const NOW = Date.UTC(2025, 5, 1);
const options = { now: () => NOW };
const MAX_REFERRER = 2048;

/** What the fast path alone says: the event it filled, or undefined (the JSON.parse decoder decides). */
function fastPath(bytes: Buffer): ClickEvent | undefined {
  return new JsonClickEventReader().readInterned(bytes, new InternedClickEvent(), MAX_REFERRER)?.toClickEvent();
}

/** The aggregator's decoder (fast path first) must give decodeClickEvent's verdict on every input. */
function expectSameVerdict(bytes: Buffer, decoder: InterningClickEventDecoder, interner: MapUserIdInterner): void {
  const expected = decodeClickEvent(bytes, options);
  const actual = decoder.decode(bytes);
  if (!expected.ok) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual.ok).toBe(true);
  if (!actual.ok) return;
  expect(actual.toClickEvent()).toEqual(expected.event);
  // The user as an engine reads it: from the message bytes (in place), else by its interned integer.
  const user = actual.userIdBytes !== undefined ? actual.userIdBytes.toString('utf8', actual.userIdStart, actual.userIdEnd) : interner.stringOf(actual.userRef);
  expect(user).toBe(expected.event.user_id);
  // A pair key, when the in-place path made one, is exactly page | country.
  if (actual.pairKeys !== undefined) expect(actual.pairKey).toBe(`${expected.event.page}|${expected.event.country}`);
}

/** Any fast-path accept is an accept of JSON.parse with the same event (it never widens what is valid). */
function expectFastPathSound(bytes: Buffer): void {
  const fast = fastPath(bytes);
  if (fast === undefined) return;
  let parsed: unknown;
  expect(() => (parsed = JSON.parse(bytes.toString('utf8')))).not.toThrow();
  const p = parsed as Record<string, unknown>;
  expect(fast).toEqual({
    event_id: String(p['event_id']).toLowerCase(),
    user_id: p['user_id'],
    ts: p['ts'],
    page: p['page'],
    referrer: p['referrer'] ?? '',
    country: p['country'],
    device: p['device'],
  });
}

/** Printable ASCII that JSON.stringify writes unescaped (no quote, no backslash). */
const ASCII_TEXT = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 40,
});

/** Valid events whose text is printable ASCII: the producer's own traffic, the fast path's domain. */
const asciiEvent = fc.record({
  event_id: fc.uuid().filter((id) => !/^(0{8}|f{8})-/.test(id)),
  user_id: ASCII_TEXT,
  ts: fc.integer({ min: Date.UTC(2000, 0, 1), max: NOW }),
  page: ASCII_TEXT,
  referrer: fc.oneof(fc.constant(''), fc.webUrl()),
  country: fc.constantFrom('US', 'DE', 'ZZ', 'FR'),
  device: fc.constantFrom(...DEVICES),
});

describe('JsonClickEventReader', () => {
  const setup = () => {
    const interner = new MapUserIdInterner();
    return { interner, decoder: new InterningClickEventDecoder(interner, options, new MapPairKeyInterner()) };
  };

  it("reads the producer's JSON in place: event id, user id and referrer from the bytes", () => {
    const event = aClickEvent({ user_id: 'u-7', referrer: 'https://example.com/a' });
    const into = new InternedClickEvent();
    const bytes = encodeClickEventJson(event);
    const read = new JsonClickEventReader().readInterned(bytes, into, MAX_REFERRER);
    expect(read).toBe(into);
    expect(read?.userIdBytes).toBe(bytes);
    expect(bytes.toString('utf8', read?.userIdStart, read?.userIdEnd)).toBe('u-7');
    expect(read?.userRef).toBe(-1);
    expect(read?.toClickEvent()).toEqual(event);
  });

  it('takes null as the empty referrer and JSON whitespace between tokens', () => {
    const event = aClickEvent();
    const spaced = JSON.stringify({ ...event, referrer: null }, null, 2);
    expect(fastPath(Buffer.from(spaced))).toEqual({ ...event, referrer: '' });
    expect(fastPath(Buffer.from(`${spaced} \n`))).toEqual({ ...event, referrer: '' });
  });

  it('leaves every unusual but valid shape to the JSON.parse decoder', () => {
    const event = aClickEvent();
    const { event_id, user_id, ts, page, referrer, country, device } = event;
    const unusual = [
      { user_id, event_id, ts, page, referrer, country, device }, // other order
      { event_id, user_id, ts, page, country, device }, // referrer absent
      { ...event, extra: 1 }, // extra field
      { ...event, user_id: 'caf\u00e9' }, // non-ASCII
      { ...event, ts: ts + 0.5 }, // fraction
    ];
    for (const shape of unusual) expect(fastPath(Buffer.from(JSON.stringify(shape)))).toBeUndefined();
    const json = encodeClickEventJson(event).toString();
    for (const text of [
      json.replace('"page":"', '"page":"\\u002f'), // an escape
      json.replace(`"ts":${ts}`, `"ts":${ts}e0`), // exponent
      json.replace(`"ts":${ts}`, `"ts":0${ts}`), // leading zero: invalid JSON
      json.replace(`"ts":${ts}`, '"ts":-1'), // negative
      json.replace(`"ts":${ts}`, '"ts":1234567890123456'), // 16 digits
      json.replace('}', ',"user_id":"again"}'), // a repeated key (JSON.parse keeps the last)
      json.replace('"device":"', '"device":"\t'), // a raw control byte: invalid JSON
      `${json}x`,
      json.slice(0, -1),
    ]) {
      expect(fastPath(Buffer.from(text))).toBeUndefined();
    }
  });

  it('never decides a rejection itself: a bad UUID or an over-long referrer goes to the JSON.parse decoder', () => {
    expect(fastPath(encodeClickEventJson(aClickEvent({ event_id: 'not-a-uuid' })))).toBeUndefined();
    expect(fastPath(encodeClickEventJson(aClickEvent({ referrer: `https://x.com/${'a'.repeat(3000)}` })))).toBeUndefined();
    const { interner, decoder } = setup();
    for (const bytes of [
      encodeClickEventJson(aClickEvent({ event_id: 'not-a-uuid' })),
      encodeClickEventJson(aClickEvent({ referrer: `https://x.com/${'a'.repeat(3000)}` })),
      encodeClickEventJson(aClickEvent({ country: 'usa' })),
      encodeClickEventJson(aClickEvent({ device: 'toaster' as ClickEvent['device'] })),
      encodeClickEventJson(aClickEvent({ user_id: '' })),
      encodeClickEventJson(aClickEvent({ ts: NOW + 86_400_000 })),
    ]) {
      expect(decoder.decode(bytes).ok).toBe(false);
      expectSameVerdict(bytes, decoder, interner);
    }
  });

  it('reads an event id of 36 bytes between quotes as the scan would: a UUID in either case, or anything else to the JSON.parse decoder', () => {
    const { interner, decoder } = setup();
    const uuid = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    for (const eventId of [uuid, uuid.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'x'.repeat(36), `${uuid.slice(0, 35)}g`, `${uuid}0`, uuid.slice(0, 35)]) {
      const bytes = encodeClickEventJson(aClickEvent({ event_id: eventId }));
      expectSameVerdict(bytes, decoder, interner);
      expectFastPathSound(bytes);
    }
    // Whitespace before the id, or a quote and a backslash where the UUID's closing quote would be: the scan decides.
    for (const text of [
      `{"event_id": "${uuid}","user_id":"u1","ts":${NOW},"page":"/","referrer":null,"country":"US","device":"desktop"}`,
      `{"event_id":"${uuid.slice(0, 35)}\\","user_id":"u1","ts":${NOW},"page":"/","referrer":null,"country":"US","device":"desktop"}`,
    ]) {
      expectSameVerdict(Buffer.from(text), decoder, interner);
      expectFastPathSound(Buffer.from(text));
    }
    expect(fastPath(encodeClickEventJson(aClickEvent({ event_id: uuid.toUpperCase() })))?.event_id).toBe(uuid);
  });

  it("takes the fast path on every valid ASCII event of the producer's shape (property)", () => {
    fc.assert(
      fc.property(asciiEvent, fc.boolean(), (event, upper) => {
        const e = upper ? { ...event, event_id: event.event_id.toUpperCase() } : event;
        expect(fastPath(encodeClickEventJson(e))).toEqual({ ...e, event_id: e.event_id.toLowerCase() });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with decodeClickEvent on any valid event, ASCII or not (property)', () => {
    const { interner, decoder } = setup();
    fc.assert(
      fc.property(fc.oneof(asciiEvent, clickEventArbitrary()), fc.constantFrom(0, 1, 2), (event: ClickEvent, style) => {
        const text = style === 0 ? encodeClickEventJson(event).toString() : style === 1 ? JSON.stringify(event, null, 1) : JSON.stringify({ ...event, referrer: event.referrer || null });
        expectSameVerdict(Buffer.from(text), decoder, interner);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with decodeClickEvent on corrupted messages, and never accepts what JSON.parse would not (property)', () => {
    const { interner, decoder } = setup();
    const byteValues = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from('{}[]",:\\ 0123456789.eE-nul\n')));
    fc.assert(
      fc.property(
        asciiEvent,
        byteEditsArbitrary(byteValues, { minLength: 1, maxLength: 6 }),
        (event, edits) => {
          const buf = applyByteEdits(encodeClickEventJson(event), edits);
          expectFastPathSound(buf);
          expectSameVerdict(buf, decoder, interner);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a message inside a larger buffer exactly as the message alone: nothing before or after its range is read into it (property)', () => {
    const { interner, decoder } = setup();
    // Bytes that could extend a token if a read ran past the range: whitespace, digits, quotes, braces.
    const around = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from(' \n\t0123456789"}{,:null'))), { maxLength: 12 });
    const byteValues = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from('{}[]",:\\ 0123456789.eE-nul\n')));
    fc.assert(
      fc.property(
        asciiEvent,
        byteEditsArbitrary(byteValues, { maxLength: 3 }),
        fc.nat(),
        around,
        around,
        (event, edits, cut, before, after) => {
          const bytes = [...applyByteEdits(encodeClickEventJson(event), edits)];
          // Sometimes only a prefix of the message is in range, its rest after the range.
          const length = cut % 4 === 0 ? cut % (bytes.length + 1) : bytes.length;
          const alone = Buffer.from(bytes.slice(0, length));
          const inside = Buffer.from([...before, ...bytes, ...after]);
          const start = before.length;
          const inPlace = new JsonClickEventReader().readInterned(inside, new InternedClickEvent(), MAX_REFERRER, undefined, start, start + length);
          expect(inPlace?.toClickEvent()).toEqual(fastPath(alone));
          const viaRange = decoder.decodeTransientRange(inside, start, start + length);
          const viaBuffer = new InterningClickEventDecoder(interner, options, new MapPairKeyInterner()).decode(alone);
          expect(viaRange.ok).toBe(viaBuffer.ok);
          if (viaRange.ok && viaBuffer.ok) expect(viaRange.toClickEvent()).toEqual(viaBuffer.toClickEvent());
          else expect(viaRange).toEqual(viaBuffer);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
