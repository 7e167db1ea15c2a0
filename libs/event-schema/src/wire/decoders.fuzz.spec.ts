import fc from 'fast-check';
import { REJECTION_REASONS } from '../validation/rejection';
import { FIXTURE_EPOCH_MS, aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { MapPairKeyInterner } from '../testing/map-pair-key-interner';
import { MapUserIdInterner } from '../testing/map-user-id-interner';
import { textContentProblem } from '../text/text-content';
import { decodeClickEvent } from './decode-click-event';
import type { DecodeClickEventOptions } from './decode-click-event-result';
import { encodeClickEventAvro } from './encode-click-event-avro';
import { encodeClickEventJson } from './encode-click-event-json';
import { InterningClickEventDecoder } from './interning-click-event-decoder';

const DAY = 86_400_000;
const options: DecodeClickEventOptions = { now: () => FIXTURE_EPOCH_MS, maxFutureSkewMs: 60_000, maxEventAgeMs: 90 * DAY };
const reasons = new Set<string>(REJECTION_REASONS);

/** Fields of a valid JSON event that near-valid events replace with hostile values. */
const FIELDS = ['event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device'] as const;
const hostileValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\ud800', 'a\udc00', '\u0000', '\ufeff', '', ' ', 'x'.repeat(3000), '1700000000000', 'NaN', 'DE', 'mobile'),
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, [], {}, Infinity, -0, Number.MAX_SAFE_INTEGER + 2, FIXTURE_EPOCH_MS - 91 * DAY, FIXTURE_EPOCH_MS + 61_000),
);

/** Raw JSON texts JSON.stringify cannot make: bad escapes, NaN, duplicate keys, BOM, deep nesting. */
const rawJsonTricks = fc.constantFrom(
  '{"event_id":"\\ud800"}',
  '{"ts":NaN}',
  '{"ts":Infinity}',
  '\ufeff{"a":1}',
  `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  `{"a":${'['.repeat(100_000)}`,
  '{"user_id":"a","user_id":"b"}',
  '{}',
  '{"__proto__":{"ts":1}}',
);

function checkVerdict(result: { ok: boolean; reason?: string; detail?: string }): void {
  if (result.ok) return;
  expect(reasons.has(result.reason as string)).toBe(true);
  expect(typeof result.detail).toBe('string');
}

/** An accepted event must be storable: strict text, ts in the accepted range. */
function checkAccepted(e: { user_id: string; page: string; referrer: string; ts: number }): void {
  for (const text of [e.user_id, e.page, e.referrer]) {
    expect(textContentProblem(text)).toBeUndefined();
    expect(text.includes('\ufffd') ? Buffer.from(text, 'utf8').toString('utf8') : text).toBe(text);
  }
  expect(e.ts).toBeGreaterThanOrEqual(FIXTURE_EPOCH_MS - 90 * DAY);
  expect(e.ts).toBeLessThanOrEqual(FIXTURE_EPOCH_MS + 60_000);
}

describe('decoders under hostile input (fuzz)', () => {
  const interning = new InterningClickEventDecoder(new MapUserIdInterner(), options, new MapPairKeyInterner());

  const both = (bytes: Buffer | null) => {
    const plain = decodeClickEvent(bytes, options);
    const interned = interning.decode(bytes);
    checkVerdict(plain);
    checkVerdict(interned as { ok: boolean });
    // The two decoders give the same verdict on every input.
    expect(interned.ok ? 'ok' : interned.reason).toBe(plain.ok ? 'ok' : plain.reason);
    if (plain.ok) checkAccepted(plain.event);
    if (plain.ok && interned.ok && interned.pairKeys !== undefined) expect(interned.pairKey).toBe(`${plain.event.page}|${plain.event.country}`);
    return plain;
  };

  it('never throws on arbitrary bytes, with or without an Avro or JSON start (property)', () => {
    const prefixes = fc.constantFrom(Buffer.alloc(0), Buffer.from([0, 0, 0, 0, 3]), Buffer.from([0, 0, 0, 0, 1]), Buffer.from('{'));
    fc.assert(
      fc.property(prefixes, fc.uint8Array({ maxLength: 200 }), (prefix, body) => {
        both(Buffer.concat([prefix, Buffer.from(body)]));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a verdict on near-valid JSON events (one field hostile, or dropped) (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary(), fc.constantFrom(...FIELDS), hostileValue, fc.boolean(), (event, field, value, drop) => {
        const object: Record<string, unknown> = { ...event };
        if (drop) delete object[field];
        else object[field] = value;
        both(Buffer.from(JSON.stringify(object), 'utf8'));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a verdict on near-valid Avro frames with bytes flipped or cut (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary({ minTs: FIXTURE_EPOCH_MS - 100 * DAY }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(), (event, at, byte, cut) => {
        const frame = encodeClickEventAvro(event);
        const flipped = Buffer.from(frame);
        flipped[5 + (at % (frame.length - 5))] = byte;
        both(flipped);
        both(frame.subarray(0, 5 + (cut % (frame.length - 4))));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a verdict on raw JSON tricks and on UTF-8 garbage inside strings', () => {
    fc.assert(
      fc.property(rawJsonTricks, (text) => {
        both(Buffer.from(text, 'utf8'));
      }),
    );
    const valid = encodeClickEventJson(aClickEvent());
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4 }), (garbage) => {
        const at = valid.indexOf('user-1') + 2;
        both(Buffer.concat([valid.subarray(0, at), Buffer.from(garbage).map((b) => b | 0x80), valid.subarray(at)]));
      }),
    );
  });

  it('rejects invalid UTF-8 and encoded surrogates in every Avro string field, in both decoders', () => {
    for (const field of ['user_id', 'page', 'referrer'] as const) {
      for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
        const marker = 'QQQQ';
        const frame = encodeClickEventAvro(aClickEvent({ [field]: `a${marker}` }));
        const at = frame.indexOf(marker);
        const patched = Buffer.from(frame);
        patched.set([...bad, ...Array<number>(4 - bad.length).fill(0x41)], at);
        const result = both(patched);
        expect(result).toMatchObject({ ok: false, reason: 'invalid_utf8', detail: expect.stringContaining(field) });
      }
    }
  });

  it('keeps two different malformed ids apart (no U+FFFD merge): both are rejected', () => {
    const json = encodeClickEventJson(aClickEvent({ user_id: 'u-Q' }));
    const at = json.indexOf('Q');
    for (const bad of [0xff, 0xfe]) {
      const patched = Buffer.from(json);
      patched[at] = bad;
      expect(both(patched)).toMatchObject({ ok: false, reason: 'invalid_utf8' });
    }
  });

  it('accepts a genuine U+FFFD in Avro and JSON text', () => {
    const event = aClickEvent({ page: '/a\ufffdb' });
    expect(both(encodeClickEventAvro(event))).toMatchObject({ ok: true });
    expect(both(encodeClickEventJson(event))).toMatchObject({ ok: true });
  });
});
