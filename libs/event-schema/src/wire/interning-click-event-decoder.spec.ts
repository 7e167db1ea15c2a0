import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { MapPairKeyInterner } from '../testing/map-pair-key-interner';
import { MapUserIdInterner } from '../testing/map-user-id-interner';
import { writeAvroFrame } from './avro-frame';
import { decodeClickEvent } from './decode-click-event';
import { encodeClickEventAvro } from './encode-click-event-avro';
import { encodeClickEventJson } from './encode-click-event-json';
import { InterningClickEventDecoder } from './interning-click-event-decoder';
import { DEFAULT_VALIDATION_LIMITS } from '../validation/validation-options';

const NOW = Date.UTC(2025, 5, 1);
const options = { now: () => NOW };

/** The interning decoder must agree with decodeClickEvent on every input. */
function expectSameVerdict(bytes: Buffer | null, decoder: InterningClickEventDecoder, interner: MapUserIdInterner): void {
  const expected = decodeClickEvent(bytes, options);
  const actual = decoder.decode(bytes);
  if (!expected.ok) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual.ok).toBe(true);
  if (!actual.ok) return;
  expect(actual.toClickEvent()).toEqual(expected.event);
  // The user as an engine reads it: from the message bytes (in place), else by its integer in the decoder's interner.
  if (actual.userIdBytes !== undefined) {
    expect(actual.userIdBytes.toString('utf8', actual.userIdStart, actual.userIdEnd)).toBe(expected.event.user_id);
  } else {
    expect(actual.userIds).toBe(interner);
    expect(interner.stringOf(actual.userRef)).toBe(expected.event.user_id);
  }
}

describe('InterningClickEventDecoder', () => {
  const setup = () => {
    const interner = new MapUserIdInterner();
    return { interner, decoder: new InterningClickEventDecoder(interner, options) };
  };

  it('decodes Avro and JSON to the same event as decodeClickEvent: the user kept as bytes in place, interned after a full decode', () => {
    const { interner, decoder } = setup();
    const event = aClickEvent({ user_id: 'u-42' });
    for (const bytes of [encodeClickEventAvro(event), encodeClickEventJson(event)]) {
      const decoded = decoder.decode(bytes);
      expect(decoded.ok && decoded.toClickEvent()).toEqual(event);
      expect(decoded.ok && decoded.userIdBytes).toBe(bytes);
      expect(decoded.ok && decoded.user_id).toBe('u-42');
    }
    expect(interner.strings).toEqual([]);
    // Irregular JSON (keys out of order) takes the full decode.
    const { user_id: _user, ...rest } = event;
    const shuffled = decoder.decode(Buffer.from(JSON.stringify({ user_id: 'u-43', ...rest })));
    expect(shuffled.ok && shuffled.userIdBytes).toBeUndefined();
    expect(shuffled.ok && shuffled.userRef).toBe(interner.idOf('u-43'));
    expect(shuffled.ok && shuffled.user_id).toBe('u-43');
  });

  it('takes page and country from a pair interner on the in-place paths, with their pair key', () => {
    const pairs = new MapPairKeyInterner('|');
    const decoder = new InterningClickEventDecoder(new MapUserIdInterner(), options, pairs);
    const event = aClickEvent({ page: '/pricing', country: 'FR' });
    for (const bytes of [encodeClickEventAvro(event), encodeClickEventJson(event)]) {
      const decoded = decoder.decode(bytes);
      expect(decoded.ok && decoded.toClickEvent()).toEqual(event);
      expect(decoded.ok && decoded.pairKeys).toBe(pairs);
      expect(decoded.ok && decoded.pairKey).toBe('/pricing|FR');
    }
    // Non-ASCII is not indexed: the event keeps its decoded strings and carries no pair key.
    const accented = decoder.decode(encodeClickEventJson(aClickEvent({ page: '/café', country: 'FR' })));
    expect(accented.ok && accented.page).toBe('/café');
    expect(accented.ok && accented.pairKeys).toBeUndefined();
    // Without an interner: no pair key.
    const plain = setup().decoder.decode(encodeClickEventJson(event));
    expect(plain.ok && plain.pairKeys).toBeUndefined();
  });

  it('makes event_id lazily from the bytes, lowercased, and stable once read', () => {
    const { decoder } = setup();
    const upper = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';
    const bytes = encodeClickEventAvro(aClickEvent({ event_id: upper }));
    const decoded = decoder.decode(bytes);
    expect(decoded.ok && decoded.event_id).toBe(upper.toLowerCase());
    expect(decoded.ok && decoded.event_id).toBe(upper.toLowerCase());
  });

  it('rejects nil and max UUIDs and non-UUIDs exactly as decodeClickEvent does', () => {
    const { interner, decoder } = setup();
    for (const id of ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF', 'not-a-uuid', `${'a'.repeat(35)}é`]) {
      const bytes = encodeClickEventAvro(aClickEvent({ event_id: id }));
      expect(decoder.decode(bytes)).toMatchObject({ ok: false, reason: 'bad_uuid' });
      expectSameVerdict(bytes, decoder, interner);
    }
  });

  it('decodes the referrer lazily, and checks its length exactly as decodeClickEvent does', () => {
    const { interner, decoder } = setup();
    const accented = 'https://exämple.com/é';
    const decoded = decoder.decode(encodeClickEventAvro(aClickEvent({ referrer: accented })));
    expect(decoded.ok && decoded.referrer).toBe(accented);
    const long = encodeClickEventAvro(aClickEvent({ referrer: `https://x.com/${'a'.repeat(3000)}` }));
    expect(decoder.decode(long)).toMatchObject({ ok: false, reason: 'field_too_long' });
    expectSameVerdict(long, decoder, interner);
    // 10 chars but 20 bytes under a 10-char bound: accepted, as by decodeClickEvent.
    const strict = new InterningClickEventDecoder(interner, { ...options, maxReferrerLength: 10 });
    const wide = encodeClickEventAvro(aClickEvent({ referrer: 'éééééééééé' }));
    const result = strict.decode(wide);
    expect(result.ok && result.referrer).toBe('éééééééééé');
    expect(decodeClickEvent(wide, { ...options, maxReferrerLength: 10 }).ok).toBe(true);
  });

  it('reads older schema versions through the full decoder', () => {
    const { interner, decoder } = setup();
    const v1 = { event_id: aClickEvent().event_id, user_id: 'old', session_id: 's-1', ts: NOW - 1000, page: '/', referrer: 'https://example.com/', country: 'US' };
    const bytes = writeAvroFrame(1, clickEventSchemaRegistry.writerTypeFor(1), v1);
    const decoded = decoder.decode(bytes);
    expect(decoded.ok && decoded.device).toBe('desktop');
    expectSameVerdict(bytes, decoder, interner);
  });

  it('decodeTransient refills one object; decode returns a fresh one per call', () => {
    const { decoder } = setup();
    const a = decoder.decodeTransient(encodeClickEventAvro(aClickEvent({ user_id: 'a' })));
    const b = decoder.decodeTransient(encodeClickEventAvro(aClickEvent({ user_id: 'b' })));
    expect(a).toBe(b);
    expect(b.ok && b.user_id).toBe('b');
    expect(decoder.decode(encodeClickEventAvro(aClickEvent()))).not.toBe(decoder.decode(encodeClickEventAvro(aClickEvent())));
  });

  it('agrees with decodeClickEvent on any valid event, Avro or JSON (property)', () => {
    const { interner, decoder } = setup();
    fc.assert(
      fc.property(clickEventArbitrary(), fc.boolean(), (event: ClickEvent, upper) => {
        const e = upper ? { ...event, event_id: event.event_id.toUpperCase() } : event;
        expectSameVerdict(encodeClickEventAvro(e), decoder, interner);
        expectSameVerdict(encodeClickEventJson(e), decoder, interner);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects empty and over-long user ids and pages on the JSON fast path exactly as decodeClickEvent does', () => {
    const { interner, decoder } = setup();
    const { maxUserIdLength, maxPageLength } = DEFAULT_VALIDATION_LIMITS;
    const users = ['', 'u', 'x'.repeat(maxUserIdLength), 'x'.repeat(maxUserIdLength + 1)];
    const pages = ['', '/', '/'.repeat(maxPageLength), '/'.repeat(maxPageLength + 1)];
    for (const user_id of users) {
      for (const page of pages) {
        const bytes = Buffer.from(JSON.stringify({ ...aClickEvent(), user_id, page }));
        expectSameVerdict(bytes, decoder, interner);
      }
    }
  });

  it('agrees with decodeClickEvent on corrupted frames and random bodies (property)', () => {
    const { interner, decoder } = setup();
    fc.assert(
      fc.property(
        clickEventArbitrary(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (event, edits) => {
          const bytes = encodeClickEventAvro(event);
          for (const [position, value] of edits) bytes[position % bytes.length] = value;
          expectSameVerdict(bytes, decoder, interner);
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.uint8Array({ maxLength: 200 }), (id, body) => {
        const header = Buffer.alloc(5);
        header.writeUInt32BE(id, 1);
        expectSameVerdict(Buffer.concat([header, body]), decoder, interner);
      }),
      { numRuns: 1000 },
    );
    expectSameVerdict(null, decoder, interner);
  });
});
