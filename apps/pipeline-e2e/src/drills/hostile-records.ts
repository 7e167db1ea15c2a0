import { randomUUID } from 'node:crypto';
import { encodeClickEventAvro, encodeClickEventJson, type ClickEvent, type RejectionReason } from '@clickstream/event-schema';
import type { IHeaders } from 'kafkajs';
import { TRAFFIC_EPOCH_MS } from '../harness/pipeline-scenario';

/** Header naming a drill record's class, so the verdict can find each one in the topic. */
export const HOSTILE_LABEL_HEADER = 'x-drill-hostile';

/** One hostile record: what a real client could send, and the verdict the pipeline must reach. */
export interface HostileRecord {
  readonly label: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
  /** `accepted` (lands like any event), or the dead-letter reason both apps must give. */
  readonly expect: 'accepted' | RejectionReason;
}

const DAY = 86_400_000;

/** A valid event in the drill's traffic time range, with a fresh id. */
function valid(overrides: Partial<ClickEvent> = {}): ClickEvent {
  return { event_id: randomUUID(), user_id: 'hostile-user', ts: TRAFFIC_EPOCH_MS + 1_000, page: '/hostile', referrer: '', country: 'DE', device: 'mobile', ...overrides };
}

const json = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify(fields), 'utf8');

/** The JSON of `event` with `marker` (in a string field) replaced by raw `bytes`. */
function withRawBytes(encoded: Buffer, marker: string, bytes: number[]): Buffer {
  const at = encoded.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in the record`);
  return Buffer.concat([encoded.subarray(0, at), Buffer.from(bytes), encoded.subarray(at + marker.length)]);
}

/** The JSON text of `event` with `marker` replaced by raw text (escapes JSON.stringify would not write). */
function withRawText(event: ClickEvent, marker: string, text: string): Buffer {
  return Buffer.from(JSON.stringify(event).replace(marker, text), 'utf8');
}

/**
 * The corpus: every class from issue 9 and others a client, a broken SDK or an attacker can send.
 * `burst` is the size of the burst of small invalid records (30,000 in the issue). Built at the
 * drill's start: "now" and the traffic epoch are those of the run, as the broker will judge them.
 */
export function hostileCorpus(burst: number): HostileRecord[] {
  const now = Date.now();
  const r: HostileRecord[] = [];
  const add = (label: string, value: Buffer | null, expect: HostileRecord['expect'], key: Buffer | string | null = `hostile-${r.length}`, headers?: IHeaders) =>
    r.push({ label, key, value, expect, ...(headers ? { headers } : {}) });

  // Text ClickHouse cannot store, or that would be silently repaired.
  add('user_id: unpaired UTF-16 surrogate escape (valid JSON)', withRawText(valid({ user_id: 'u-MARK' }), 'MARK', '\\ud800'), 'lone_surrogate');
  add('page: low surrogate escape alone', withRawText(valid({ page: '/p-MARK' }), 'MARK', '\\udfff'), 'lone_surrogate');
  add('user_id: invalid UTF-8 byte 0xff (JSON)', withRawBytes(encodeClickEventJson(valid({ user_id: 'u-MARK' })), 'MARK', [0xff]), 'invalid_utf8');
  add('user_id: invalid UTF-8 byte 0xfe (JSON, must not merge with 0xff)', withRawBytes(encodeClickEventJson(valid({ user_id: 'u-MARK' })), 'MARK', [0xfe]), 'invalid_utf8');
  add('page: overlong UTF-8 for "/" (Avro)', withRawBytes(encodeClickEventAvro(valid({ page: '/aMK' })), 'MK', [0xc0, 0xaf]), 'invalid_utf8');
  add('user_id: UTF-8-encoded surrogate (Avro)', withRawBytes(encodeClickEventAvro(valid({ user_id: 'uMRK' })), 'MRK', [0xed, 0xa0, 0x80]), 'invalid_utf8');
  add('page: NUL character (JSON escape)', json({ ...valid(), page: '/a\u0000b' }), 'control_character');
  add('referrer: newline (Avro)', encodeClickEventAvro(valid({ referrer: 'https://x.example/\n' })), 'control_character');
  add('raw NUL byte inside a JSON string', withRawBytes(encodeClickEventJson(valid({ page: '/MARK' })), 'MARK', [0x00]), 'json_parse_error');
  add('UTF-8 BOM before the JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encodeClickEventJson(valid())]), 'unknown_format');
  add('user_id of 129 chars', json({ ...valid(), user_id: 'u'.repeat(129) }), 'field_too_long');

  // Timestamps: ClickHouse ranges, retention, partitions per insert, skew against broker time.
  add('ts 50 minutes ahead of broker time', json({ ...valid(), ts: now + 50 * 60_000 }), 'ts_in_future');
  add('ts in 2300 (beyond DateTime64 range)', json({ ...valid(), ts: Date.UTC(2300, 0, 1) }), 'ts_in_future');
  add('ts 2^53 + 2 (unsafe integer)', Buffer.from(JSON.stringify(valid()).replace(/"ts":\d+/, '"ts":9007199254740994')), 'ts_in_future');
  add('ts 100 days old (past the 90-day TTL)', json({ ...valid(), ts: now - 100 * DAY }), 'beyond_retention');
  for (let m = 0; m < 101; m++) add(`101 events in 101 months after 2000 (#${m})`, json({ ...valid(), ts: Date.UTC(2000, m, 15) }), 'beyond_retention');
  add('ts 0 (1970)', json({ ...valid(), ts: 0 }), 'ts_too_old');
  add('ts in epoch seconds', json({ ...valid(), ts: Math.floor(now / 1000) }), 'ts_too_old');
  add('ts negative', encodeClickEventAvro(valid({ ts: -1 })), 'ts_too_old');
  add('ts fractional', json({ ...valid(), ts: TRAFFIC_EPOCH_MS + 0.5 }), 'ts_not_integer');
  add('ts 1e400 (Infinity)', Buffer.from(JSON.stringify(valid()).replace(/"ts":\d+/, '"ts":1e400')), 'ts_not_finite');
  add('ts NaN (not JSON)', Buffer.from(JSON.stringify(valid()).replace(/"ts":\d+/, '"ts":NaN')), 'json_parse_error');

  // Wrong types and shapes.
  add('ts as a string of digits', json({ ...valid(), ts: String(TRAFFIC_EPOCH_MS) }), 'bad_type');
  add('user_id as a number', json({ ...valid(), user_id: 12345 }), 'bad_type');
  add('page as an object', json({ ...valid(), page: { path: '/' } }), 'bad_type');
  add('referrer as an array', json({ ...valid(), referrer: ['x'] }), 'bad_type');
  add('device missing', json({ ...valid(), device: undefined }), 'missing_field');
  add('JSON null literal', Buffer.from('null'), 'unknown_format');
  add('top-level JSON array', json([valid()] as unknown as Record<string, unknown>), 'unknown_format');
  add('empty object', Buffer.from('{}'), 'missing_field');
  add('__proto__ key', Buffer.from('{"__proto__":{"event_id":"x"}}'), 'missing_field');
  add('nil UUID event_id', json({ ...valid(), event_id: '00000000-0000-0000-0000-000000000000' }), 'bad_uuid');
  add('event_id not a UUID', json({ ...valid(), event_id: 'evt-1' }), 'bad_uuid');
  add('country lowercase', json({ ...valid(), country: 'de' }), 'bad_country');
  add('device unknown', json({ ...valid(), device: 'toaster' }), 'unknown_device');
  add('deep JSON (100,000 nested arrays, closed)', Buffer.from(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), 'missing_field');
  add('deep JSON (unclosed)', Buffer.from(`{"x":${'['.repeat(100_000)}`), 'json_parse_error');
  add('truncated JSON', encodeClickEventJson(valid()).subarray(0, 40), 'json_parse_error');
  add('empty record (0 bytes)', Buffer.alloc(0), 'empty');
  add('tombstone (null value)', null, 'empty');
  add('garbage bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]), 'unknown_format');
  add('Avro frame with unknown schema id', (() => { const f = encodeClickEventAvro(valid()); f.writeUInt32BE(4242, 1); return f; })(), 'unknown_schema_id');
  add('Avro frame truncated', encodeClickEventAvro(valid()).subarray(0, 20), 'avro_decode_error');
  add('Avro frame with trailing bytes', Buffer.concat([encodeClickEventAvro(valid()), Buffer.from([1, 2, 3])]), 'avro_decode_error');
  add('~1,048,000-byte invalid record (broker takes it)', json({ ...valid(), page: `/${'x'.repeat(1_047_700)}` }), 'field_too_long');
  add('100 KB garbage key, invalid value', Buffer.from('{"oops'), 'json_parse_error', Buffer.alloc(100_000, 0xff));

  // Accepted: hostile-looking but valid; each must land exactly once.
  const upper = valid();
  add('uppercase event_id (canonicalised)', json({ ...upper, event_id: upper.event_id.toUpperCase() }), 'accepted');
  const dup = valid();
  add('duplicate keys (last one wins, valid)', Buffer.from(JSON.stringify(dup).replace('{', '{"device":"toaster",')), 'accepted');
  add('10,000 unknown extra fields', json({ ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i])), ...valid() }), 'accepted');
  add('valid event under garbage headers', json({ ...valid() }), 'accepted', 'hostile-headers', { 'x-junk': Buffer.from([0xff, 0x00, 0xfe]), 'x-big': Buffer.alloc(50_000, 0x41) });
  add('emoji and non-Latin text', json({ ...valid(), user_id: 'ユーザー😀', page: '/été/日本' }), 'accepted');
  add('genuine U+FFFD in the page', encodeClickEventAvro(valid({ page: '/a\ufffdb' })), 'accepted');
  add('ts exactly at the traffic start, referrer null', json({ ...valid(), referrer: null }), 'accepted');
  add('ts 80 days old (inside retention: a late event)', json({ ...valid(), ts: now - 80 * DAY }), 'accepted');

  // A burst of small invalid records: its dead letters must go out in bounded requests.
  for (let i = 0; i < burst; i++) add('burst of small invalid records', Buffer.from(`{"e":${i}`), 'json_parse_error', `burst-${i}`);
  return r;
}
