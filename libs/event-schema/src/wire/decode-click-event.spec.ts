import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { REJECTION_REASONS, type RejectionReason } from '../validation/rejection';
import { validateClickEvent } from '../validation/validate-click-event';
import { decodeClickEvent } from './decode-click-event';
import type { DecodeClickEventResult } from './decode-click-event-result';
import { encodeClickEventAvro } from './encode-click-event-avro';
import { encodeClickEventJson } from './encode-click-event-json';

const NOW = Date.UTC(2025, 5, 1);
const options = { now: () => NOW };

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const jsonWith = (overrides: Record<string, unknown>): Buffer => json({ ...aClickEvent(), ...overrides });
const avroWith = (overrides: Partial<Record<keyof ClickEvent, unknown>>): Buffer =>
  encodeClickEventAvro({ ...aClickEvent(), ...overrides } as ClickEvent);

describe('decodeClickEvent round trips', () => {
  it('decodes an Avro frame to the same event, reporting format and schema version', () => {
    const event = aClickEvent({ referrer: '', device: 'bot' });
    expect(decodeClickEvent(encodeClickEventAvro(event), options)).toEqual({
      ok: true,
      event,
      format: 'avro',
      schemaVersion: 3,
    });
  });

  it('decodes ts as a plain number despite the timestamp-millis annotation', () => {
    const result = decodeClickEvent(encodeClickEventAvro(aClickEvent()), options);
    expect(result.ok && typeof result.event.ts).toBe('number');
  });

  it('decodes JSON to the same event with a null schema version', () => {
    const event = aClickEvent({ country: 'ZZ' });
    expect(decodeClickEvent(encodeClickEventJson(event), options)).toEqual({
      ok: true,
      event,
      format: 'json',
      schemaVersion: null,
    });
  });

  it('accepts JSON with leading whitespace and normalises a null referrer', () => {
    const bytes = Buffer.from(`\n  ${JSON.stringify({ ...aClickEvent(), referrer: null })}`);
    const result = decodeClickEvent(bytes, options);
    expect(result.ok && result.event.referrer).toBe('');
  });

  it('lowercases an uppercase event_id from either format', () => {
    const upper = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';
    for (const bytes of [avroWith({ event_id: upper }), jsonWith({ event_id: upper })]) {
      const result = decodeClickEvent(bytes, options);
      expect(result.ok && result.event.event_id).toBe(upper.toLowerCase());
    }
  });

  it('round-trips any valid event through Avro and through JSON (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary(), (event) => {
        expect(decodeClickEvent(encodeClickEventAvro(event), options)).toMatchObject({ ok: true, event });
        expect(decodeClickEvent(encodeClickEventJson(event), options)).toMatchObject({ ok: true, event });
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeClickEvent rejections', () => {
  const valid = encodeClickEventAvro(aClickEvent());
  const withSchemaId = (id: number): Buffer => {
    const frame = Buffer.from(valid);
    frame.writeUInt32BE(id, 1);
    return frame;
  };
  const badDeviceIndex = Buffer.concat([valid.subarray(0, valid.length - 1), Buffer.from([0x12])]);

  const patched = (frame: Buffer, marker: string, bytes: number[]): Buffer => {
    const copy = Buffer.from(frame);
    copy.set(bytes, frame.indexOf(marker));
    return copy;
  };
  const decode = (bytes: Buffer | null): DecodeClickEventResult => decodeClickEvent(bytes, options);
  const infiniteTs = Buffer.from(jsonWith({}).toString().replace(/"ts":\d+/, '"ts":1e400'));
  type Run = () => DecodeClickEventResult | ReturnType<typeof validateClickEvent>;

  // One realistic bad input per case; together they must cover every code (checked below).
  const cases: [RejectionReason, string, Run][] = [
    ['empty', 'a zero-length value', () => decode(Buffer.alloc(0))],
    ['empty', 'a tombstone (null value)', () => decode(null)],
    ['unknown_format', 'garbage bytes', () => decode(Buffer.from('\x7fELF\x02\x01'))],
    ['unknown_format', 'a JSON array', () => decode(json([aClickEvent()]))],
    ['unknown_schema_id', 'a frame with schema id 42', () => decode(withSchemaId(42))],
    ['unknown_schema_id', 'a frame with schema id 0', () => decode(withSchemaId(0))],
    ['avro_decode_error', 'a frame shorter than its header', () => decode(Buffer.from([0, 0, 0]))],
    ['avro_decode_error', 'a truncated Avro body', () => decode(valid.subarray(0, valid.length - 10))],
    ['avro_decode_error', 'trailing bytes', () => decode(Buffer.concat([valid, Buffer.from([1, 2])]))],
    ['avro_decode_error', 'an out-of-range enum index', () => decode(badDeviceIndex)],
    ['json_parse_error', 'truncated JSON', () => decode(Buffer.from('{"event_id":"abc",'))],
    ['not_an_object', 'a parsed array handed to validate', () => validateClickEvent([1, 2], options)],
    ['missing_field', 'JSON without country', () => decode(jsonWith({ country: undefined }))],
    ['bad_type', 'ts sent as a string', () => decode(jsonWith({ ts: '1735689600000' }))],
    ['empty_field', 'an empty user_id', () => decode(jsonWith({ user_id: '' }))],
    ['field_too_long', 'a 3000-char page', () => decode(jsonWith({ page: `/${'a'.repeat(3000)}` }))],
    ['field_too_long', 'a 3000-char page over Avro', () => decode(avroWith({ page: 'a'.repeat(3000) }))],
    ['bad_uuid', 'a numeric event id', () => decode(jsonWith({ event_id: '12345' }))],
    ['bad_uuid', 'a non-UUID over Avro', () => decode(avroWith({ event_id: 'not-a-uuid' }))],
    ['ts_not_finite', 'ts 1e400 (parses to Infinity)', () => decode(infiniteTs)],
    ['ts_not_integer', 'fractional ms', () => decode(jsonWith({ ts: 1735689600000.5 }))],
    ['ts_too_old', 'ts 0 (1970)', () => decode(jsonWith({ ts: 0 }))],
    ['ts_too_old', 'ts 0 over Avro', () => decode(avroWith({ ts: 0 }))],
    ['ts_in_future', 'ts a day after now', () => decode(jsonWith({ ts: NOW + 86_400_000 }))],
    ['invalid_utf8', 'a JSON user_id with a 0xff byte', () => decode(Buffer.from(jsonWith({ user_id: 'u-Q' }).toString().replace('Q', '\xff'), 'latin1'))],
    ['invalid_utf8', 'an Avro page with an encoded surrogate', () => decode(patched(avroWith({ page: '/QQQ' }), 'QQQ', [0xed, 0xa0, 0x80]))],
    ['lone_surrogate', 'a JSON \\ud800 escape in user_id', () => decode(Buffer.from(jsonWith({ user_id: 'u-Q' }).toString().replace('Q', '\\ud800')))],
    ['control_character', 'a NUL in the page', () => decode(jsonWith({ page: '/a\u0000b' }))],
    ['control_character', 'a newline in the referrer over Avro', () => decode(avroWith({ referrer: 'https://x/\n' }))],
    ['beyond_retention', 'ts 91 days before now, 90 days kept', () => decodeClickEvent(jsonWith({ ts: NOW - 91 * 86_400_000 }), { ...options, maxEventAgeMs: 90 * 86_400_000 })],
    ['bad_country', 'a country name', () => decode(jsonWith({ country: 'Germany' }))],
    ['bad_country', 'a lowercase code over Avro', () => decode(avroWith({ country: 'de' }))],
    ['unknown_device', 'a smartwatch', () => decode(jsonWith({ device: 'smartwatch' }))],
  ];

  it.each(cases)('rejects as %s: %s', (reason, _label, run) => {
    const result = run();
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
  });

  it('covers every rejection code with at least one realistic input', () => {
    expect(new Set(cases.map(([reason]) => reason))).toEqual(new Set(REJECTION_REASONS));
  });

  it('tags rejections with the format once it is known', () => {
    expect(decodeClickEvent(withSchemaId(42), options)).toMatchObject({ format: 'avro' });
    expect(decodeClickEvent(jsonWith({ device: 'tv' }), options)).toMatchObject({ format: 'json' });
    expect(decodeClickEvent(Buffer.from('hello'), options)).not.toHaveProperty('format');
  });

  it('explains what it saw', () => {
    expect(decodeClickEvent(withSchemaId(42), options)).toMatchObject({
      detail: 'schema id 42 is not a known version (1..3)',
    });
    expect(decodeClickEvent(Buffer.from('hello world'), options)).toMatchObject({
      detail: 'neither an Avro frame nor a JSON object: first bytes 68 65 6c 6c 6f 20 77 6f … (11 bytes)',
    });
    expect(decodeClickEvent(jsonWith({ device: 'smartwatch' }), options)).toMatchObject({
      detail: 'device: expected desktop|mobile|tablet|bot, saw "smartwatch"',
    });
  });
});

describe('decodeClickEvent never throws', () => {
  const isValidResult = (result: DecodeClickEventResult): boolean =>
    result.ok || (REJECTION_REASONS as readonly string[]).includes(result.reason);

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(isValidResult(decodeClickEvent(Buffer.from(bytes), options))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('on random bodies behind every known and unknown schema id', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.uint8Array({ maxLength: 300 }), (id, body) => {
        const header = Buffer.alloc(5);
        header.writeUInt32BE(id, 1);
        expect(isValidResult(decodeClickEvent(Buffer.concat([header, body]), options))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('on valid frames and JSON with random bytes overwritten', () => {
    fc.assert(
      fc.property(
        clickEventArbitrary(),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (event, asAvro, edits) => {
          const bytes = asAvro ? encodeClickEventAvro(event) : encodeClickEventJson(event);
          for (const [position, value] of edits) bytes[position % bytes.length] = value;
          expect(isValidResult(decodeClickEvent(bytes, options))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
