import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The patches live in a CommonJS file because the apps' esbuild configs load them; load them the same way.
const load = createRequire(__filename);
const { patchKafkajsConsumerSource, PATCHED_FILES } = load('../../bundle/kafkajs-consumer-patches.cjs') as {
  patchKafkajsConsumerSource: (file: string, source: string) => string | undefined;
  PATCHED_FILES: string[];
};
// The harness that evaluates a kafkajs file as it is and as patched: shared with the other patch set's spec.
const harness = load('../../../kafka/bundle/kafkajs-patch-harness.cjs') as {
  kafkajsSrc: string;
  originalAndPatched: (patch: (file: string, source: string) => string | undefined, relative: string) => [unknown, unknown];
  patchedKafkajs: (patch: (file: string, source: string) => string | undefined) => { requireSrc: (relative: string) => unknown };
};
const kafkajsSrc = harness.kafkajsSrc;
const kafkajs = (relative: string) => load(path.join(kafkajsSrc, relative)) as unknown;

function originalAndPatched(relative: string): [unknown, unknown] {
  return harness.originalAndPatched(patchKafkajsConsumerSource, relative);
}

/**
 * What a consumer can read of a decoded record, the original's fields by name: the patched record
 * has a getter for `key` (made on first read), which structural equality would not see.
 */
function recordFields(r: object): object {
  const { magicByte, attributes, timestamp, offset, key, value, headers, isControlRecord, batchContext } = r as Record<string, unknown>;
  return { magicByte, attributes, timestamp, offset, key, value, headers, isControlRecord, batchContext };
}

type Long = { value: bigint };
type DecoderLike = { offset: number; readVarInt(): number; readVarLong(): Long };
type DecoderClass = new (buffer: Buffer) => DecoderLike;
type EncoderLike = { buffer: Buffer; writeVarLong(v: unknown): EncoderLike };
const Encoder = kafkajs('protocol/encoder.js') as new () => EncoderLike;
const Decoder = kafkajs('protocol/decoder.js') as DecoderClass;
const LongClass = kafkajs('utils/long.js') as { fromValue(v: unknown): Long };
const encodeRecord = kafkajs('protocol/recordBatch/record/v0/index.js') as (record: object) => { buffer: Buffer };
const encodeRecordEncoder = (record: object) => encodeRecord(record) as unknown;

const VARLONGS = [0, 1, -1, 63, 64, -64, -65, 300, -300, 2 ** 31, -(2 ** 31) - 1, 1_700_000_000_000, -(2 ** 47), 2 ** 48 - 1, -(2 ** 48), 2 ** 48, 2 ** 53 - 1];
const BIG_VARLONGS = ['9223372036854775807', '-9223372036854775808', '1152921504606846976'];

describe('kafkajs consumer bundle patches', () => {
  it('apply to the installed kafkajs and leave other files alone', () => {
    expect(PATCHED_FILES.length).toBe(9);
    for (const file of PATCHED_FILES) {
      const full = path.join(kafkajsSrc, file);
      expect(patchKafkajsConsumerSource(full, readFileSync(full, 'utf8'))).toBeDefined();
    }
    expect(patchKafkajsConsumerSource(path.join(kafkajsSrc, 'consumer/runner.js'), 'x')).toBeUndefined();
    expect(() => patchKafkajsConsumerSource(path.join(kafkajsSrc, 'consumer/batch.js'), 'changed upstream')).toThrow(/kafkajs changed/);
  });

  it('read varlongs to the same Long and position as the original, short, long and truncated', () => {
    const [Original, Patched] = originalAndPatched('protocol/decoder.js') as DecoderClass[];
    const e = new Encoder();
    for (const v of [...VARLONGS, ...BIG_VARLONGS.map((s) => LongClass.fromValue(s))]) e.writeVarLong(v);
    const bytes = e.buffer;
    const all = (D: DecoderClass, buf: Buffer) => {
      const d = new D(buf);
      const out: string[] = [];
      while (d.offset < buf.length) out.push(`${d.readVarLong().value}@${d.offset}`);
      return out;
    };
    expect(all(Patched as DecoderClass, bytes)).toEqual(all(Original as DecoderClass, bytes));
    // Cut anywhere, including inside a varlong: same values, same end position.
    for (let cut = 0; cut < 40; cut++) {
      const buf = bytes.subarray(0, cut);
      const first = (D: DecoderClass) => {
        const d = new D(buf);
        return `${d.readVarLong().value}@${d.offset}`;
      };
      expect(first(Patched as DecoderClass)).toBe(first(Original as DecoderClass));
    }
    // The record decoder's read: the same value and position, a number up to 7 bytes, else the Long.
    const numbers = (buf: Buffer) => {
      const d = new (Patched as new (b: Buffer) => DecoderLike & { readVarLongNumber(): number | Long })(buf);
      const out: string[] = [];
      while (d.offset < buf.length) {
        const start = d.offset;
        const v = d.readVarLongNumber();
        out.push(`${typeof v === 'number' ? v : v.value}@${d.offset}`);
        if (typeof v === 'number') expect(d.offset - start).toBeLessThanOrEqual(7);
        else expect(d.offset - start).toBeGreaterThan(7);
      }
      return out;
    };
    expect(numbers(bytes)).toEqual(all(Original as DecoderClass, bytes));
  });

  it('decode records to the same offset and timestamp strings as the original, and carry them as numbers when exact', () => {
    const [original, patched] = originalAndPatched('protocol/recordBatch/record/v0/decoder.js') as ((d: DecoderLike, context: object) => object)[];
    // Each with the decoder it runs with: the patched record decoder reads through the patched decoder (readVarLongNumber).
    const [, PatchedDecoder] = originalAndPatched('protocol/decoder.js') as DecoderClass[];
    const decoderFor = (f: unknown) => (f === patched ? (PatchedDecoder as DecoderClass) : Decoder);
    const contexts = [
      { firstOffset: '0', firstTimestamp: '1700000000000', magicByte: 2, timestampType: 0, maxTimestamp: '1700000001000' },
      { firstOffset: '123456789012345', firstTimestamp: '-1', magicByte: 2, timestampType: 0 },
      { firstOffset: '999999999999999', firstTimestamp: '999999999999999', magicByte: 2, timestampType: 0 },
      { firstOffset: '9223372036854775000', firstTimestamp: '9223372036854775000', magicByte: 2, timestampType: 0 },
      { firstOffset: '42', firstTimestamp: '1700000000000', magicByte: 2, timestampType: 1, maxTimestamp: '1700000009999' },
    ];
    const records = [
      { offsetDelta: 0, timestampDelta: 0, key: null, value: Buffer.from('v') },
      { offsetDelta: 4095, timestampDelta: 123_456, key: Buffer.from('k'), value: Buffer.from('{"a":1}'), headers: { h: 'x', m: ['1', '2'] } },
      { offsetDelta: 7, timestampDelta: -5, key: null, value: null },
      { offsetDelta: 2 ** 31 - 1, timestampDelta: LongClass.fromValue('4611686018427387904'), key: null, value: Buffer.from('big') },
    ];
    for (const context of contexts) {
      for (const record of records) {
        const bytes = encodeRecord(record).buffer;
        const decode = (f: (d: DecoderLike, c: object) => object) => {
          const d = new (decoderFor(f))(bytes);
          d.readVarInt(); // the record's length prefix, read by the batch decoder
          return f(d, context);
        };
        const decoded = decode(patched as (d: DecoderLike, c: object) => object) as { offset: string; timestamp: string; key: Buffer | null; offsetNumber?: number; timestampNumber?: number };
        const { offsetNumber, timestampNumber } = decoded;
        const rest = { offset: decoded.offset, timestamp: decoded.timestamp };
        expect(recordFields(decoded)).toEqual(recordFields(decode(original as (d: DecoderLike, c: object) => object)));
        // Key and value are made once: the same Buffer on every read. The value's bytes are where valueBuffer says.
        expect(decoded.key).toBe(decoded.key);
        const lazy = decoded as unknown as { value: Buffer | null; valueBuffer?: Buffer; valueStart: number; valueEnd: number };
        expect(lazy.value).toBe(lazy.value);
        if (record.value === null) expect(lazy.valueBuffer).toBeUndefined();
        else expect(lazy.valueBuffer?.subarray(lazy.valueStart, lazy.valueEnd)).toEqual(record.value);
        // The numbers are the strings' values (the bases here have at most 15 digits, or are past 2^53); undefined past 2^53 and for append time.
        const exact = (s: string) => (Number.isSafeInteger(Number(s)) && BigInt(Number(s)) === BigInt(s) ? Number(s) : undefined);
        expect(offsetNumber).toBe(exact(rest.offset));
        expect(timestampNumber).toBe('maxTimestamp' in context && context.timestampType === 1 ? undefined : exact(rest.timestamp));
      }
    }
    // Keys and values whose length is below -1 or runs past the bytes: read the original way, with its result or error.
    const varint = (n: number) => (new Encoder() as unknown as { writeVarInt(n: number): { buffer: Buffer } }).writeVarInt(n).buffer;
    for (const [keyLength, valueLength] of [[-3, 1], [-2, 1], [0, 1], [3, 1], [50, 1], [1, -3], [1, -2], [1, -1], [1, 0], [1, 2], [1, 60]] as const) {
      const bytes = Buffer.concat([varint(20), Buffer.from([0, 0, 0]), varint(keyLength), Buffer.from('abcdef'), varint(valueLength), Buffer.from('v'), Buffer.from([0])]);
      const outcome = (f: (d: DecoderLike, c: object) => object) => {
        const d = new (decoderFor(f))(bytes);
        d.readVarInt();
        try {
          return { record: recordFields(f(d, contexts[0] as object)), at: d.offset };
        } catch (e) {
          return { error: `${(e as Error).name}: ${(e as Error).message}` };
        }
      };
      expect(outcome(patched as (d: DecoderLike, c: object) => object)).toEqual(outcome(original as (d: DecoderLike, c: object) => object));
    }
    // A record whose delta alone is beyond 2^53 while the sum would look safe: no rounded number.
    const bytes = encodeRecord({ offsetDelta: 0, timestampDelta: LongClass.fromValue('9007199254740993'), key: null, value: null }).buffer;
    const d = new (PatchedDecoder as DecoderClass)(bytes);
    d.readVarInt();
    const near = (patched as (d: DecoderLike, c: object) => { timestamp: string; timestampNumber?: number })(d, { firstOffset: '0', firstTimestamp: '-100', magicByte: 2, timestampType: 0 });
    expect(near.timestamp).toBe('9007199254740893');
    expect(near.timestampNumber).toBeUndefined();
  });

  it('decode record batches to the same records, or the same error, as the original, including records that do not fit their length', async () => {
    const [original, patched] = originalAndPatched('protocol/recordBatch/v0/decoder.js') as ((d: DecoderLike) => Promise<object>)[];
    type RawEncoder = { buffer: Buffer; writeInt32(n: number): RawEncoder; writeBuffer(b: Buffer): RawEncoder; writeInt64(n: unknown): RawEncoder; writeBytes(b: Buffer): RawEncoder; writeInt8(n: number): RawEncoder; writeInt16(n: number): RawEncoder; writeVarInt(n: number): RawEncoder };
    const Raw = Encoder as unknown as new () => RawEncoder;
    // A batch (no compression) whose records section is `records` as given, byte for byte.
    const batchOf = (records: Buffer[]) => {
      const body = new Raw().writeInt16(0).writeInt32(records.length - 1).writeInt64(1_700_000_000_000).writeInt64(1_700_000_000_500).writeInt64(-1).writeInt16(0).writeInt32(0).writeInt32(records.length);
      for (const r of records) body.writeBuffer(r);
      const batch = new Raw().writeInt32(0).writeInt8(2).writeInt32(0).writeBuffer(body.buffer);
      return new Raw().writeInt64(1000).writeBytes(batch.buffer).buffer;
    };
    const record = (r: object) => encodeRecord(r).buffer;
    const plain = [
      record({ offsetDelta: 0, timestampDelta: 0, key: Buffer.from('user-1'), value: Buffer.from('{"a":1}') }),
      record({ offsetDelta: 1, timestampDelta: 12, key: null, value: Buffer.from('x'.repeat(300)), headers: { h: 'x', m: ['1', '2'] } }),
      record({ offsetDelta: 2, timestampDelta: -3, key: null, value: null }),
      record({ offsetDelta: 3, timestampDelta: 99, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: { '': Buffer.from([0]) } }),
    ];
    // The length prefix rewritten: shorter than the fields, longer (trailing bytes), past the end, negative.
    const withLength = (r: Buffer, length: number, pad = 0) => {
      const d = new Decoder(r);
      d.readVarInt();
      return Buffer.concat([new Raw().writeVarInt(length).buffer, r.subarray(d.offset), Buffer.alloc(pad, 7)]);
    };
    const bodyLength = (r: Buffer) => {
      const d = new Decoder(r);
      return d.readVarInt();
    };
    // Bodies written byte by byte: negative lengths below -1 (which move the original's offset
    // back within its record buffer), a zero-length record, header counts and header lengths.
    const varint = (n: number) => new Raw().writeVarInt(n).buffer;
    const body = (...parts: (Buffer | number[])[]) => {
      const bytes = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
      return Buffer.concat([varint(bytes.length), bytes]);
    };
    const head = [0, 0, 0]; // attributes, timestamp delta 0, offset delta 0
    const filler = Buffer.from('abcdefgh');
    const crafted = [
      body(head, varint(-7), filler),
      body(head, varint(-2), varint(3), filler, [0]),
      body(head, varint(1), [0x41], varint(-5), filler, [0]),
      body(head, varint(-1), varint(-1), varint(-2), filler),
      body(head, varint(-1), varint(2), [0x41, 0x42], varint(1), varint(-3), filler),
      body(head, varint(-1), varint(2), [0x41, 0x42], varint(1), varint(1), [0x68], varint(-4), filler),
      body(head, varint(-1), varint(2), [0x41, 0x42], varint(1), varint(1), [0x68], varint(1), [0x76]),
      body([]),
      body([0]),
      body([0, 0x80, 0x80]),
    ];
    const cases: Buffer[][] = [plain, [plain[0] as Buffer], [], ...crafted.map((r) => [plain[0] as Buffer, r, plain[1] as Buffer]), ...crafted.map((r) => [r])];
    for (const r of plain) {
      const n = bodyLength(r);
      for (const length of [n - 1, n - 5, 0, n + 3, n + 1_000, -1, -7]) cases.push([plain[0] as Buffer, withLength(r, length, length > n ? length - n : 0), plain[2] as Buffer]);
      cases.push([withLength(r, n + 50)]);
    }
    const outcome = async (f: (d: DecoderLike) => Promise<object>, bytes: Buffer) => {
      const d = new Decoder(bytes);
      try {
        const batch = (await f(d)) as { records: object[] };
        return { ok: { ...batch, records: batch.records.map(recordFields) }, at: d.offset };
      } catch (e) {
        return { error: `${(e as Error).name}: ${(e as Error).message}` };
      }
    };
    for (const records of cases) {
      const bytes = batchOf(records);
      const before = await outcome(original as (d: DecoderLike) => Promise<object>, bytes);
      expect(await outcome(patched as (d: DecoderLike) => Promise<object>, bytes)).toEqual(before);
    }
    // Records without headers are read in place: no readVarIntBytes for the record itself (the
    // original's view of it), only for its key and value.
    const reads = jest.spyOn((Decoder as unknown as { prototype: { readVarIntBytes: () => unknown } }).prototype, 'readVarIntBytes');
    try {
      const noHeaders = [plain[0], plain[2], plain[0]] as Buffer[];
      await outcome(patched as (d: DecoderLike) => Promise<object>, batchOf(noHeaders));
      expect(reads).toHaveBeenCalledTimes(2 * noHeaders.length);
      reads.mockClear();
      await outcome(original as (d: DecoderLike) => Promise<object>, batchOf(noHeaders));
      expect(reads).toHaveBeenCalledTimes(3 * noHeaders.length);
    } finally {
      reads.mockRestore();
    }
    // The well-formed batch decoded in place at all: its four records, headers included.
    const whole = (await outcome(patched as (d: DecoderLike) => Promise<object>, batchOf(plain))) as { ok: { records: { offset: string; headers: object }[] } };
    expect(whole.ok.records.map((r) => r.offset)).toEqual(['1000', '1001', '1002', '1003']);
    expect(whole.ok.records[1]?.headers).toEqual({ h: Buffer.from('x'), m: [Buffer.from('1'), Buffer.from('2')] });
  });

  it('decode fetched record batches to the same records as the original, whole, cut anywhere by maxBytes, or with a bad length, without making the partial-message error', async () => {
    const [original, patched] = originalAndPatched('protocol/requests/fetch/v4/decodeMessages.js') as ((d: DecoderLike) => Promise<{ offset: string }[]>)[];
    type RawEncoder = { buffer: Buffer; writeInt32(n: number): RawEncoder; writeBuffer(b: Buffer): RawEncoder; writeInt64(n: unknown): RawEncoder; writeBytes(b: Buffer): RawEncoder; writeInt8(n: number): RawEncoder; writeInt16(n: number): RawEncoder };
    const Raw = Encoder as unknown as new () => RawEncoder;
    const batchAt = (firstOffset: number, count: number) => {
      const body = new Raw().writeInt16(0).writeInt32(count - 1).writeInt64(1_700_000_000_000).writeInt64(1_700_000_000_500).writeInt64(-1).writeInt16(0).writeInt32(0).writeInt32(count);
      for (let i = 0; i < count; i++) body.writeBuffer(encodeRecord({ offsetDelta: i, timestampDelta: i, key: null, value: Buffer.from(`v${firstOffset + i}`) }).buffer);
      return new Raw().writeInt64(firstOffset).writeBytes(new Raw().writeInt32(0).writeInt8(2).writeInt32(0).writeBuffer(body.buffer).buffer).buffer;
    };
    const batches = Buffer.concat([batchAt(100, 3), batchAt(103, 2), batchAt(105, 4)]);
    const withBadLength = Buffer.from(batches);
    withBadLength.writeInt32BE(-5, 8);
    const sections = [batches, withBadLength];
    for (let cut = 0; cut <= batches.length; cut += 7) sections.push(batches.subarray(0, cut));
    const outcome = async (f: (d: DecoderLike) => Promise<{ offset: string }[]>, section: Buffer) => {
      const d = new Decoder(Buffer.concat([new Raw().writeInt32(section.length).buffer, section]));
      try {
        return { offsets: (await f(d)).map((r) => r.offset), at: d.offset };
      } catch (e) {
        return { error: `${(e as Error).name}: ${(e as Error).message}` };
      }
    };
    const errors = kafkajs('errors.js') as { KafkaJSPartialMessageError: new (...args: unknown[]) => Error };
    const made = jest.spyOn(Error, 'captureStackTrace');
    try {
      for (const section of sections) {
        const before = await outcome(original as (d: DecoderLike) => Promise<{ offset: string }[]>, section);
        made.mockClear();
        expect(await outcome(patched as (d: DecoderLike) => Promise<{ offset: string }[]>, section)).toEqual(before);
        // A cut tail ends the loop before the batch decoder throws (the original makes one error there).
        if ('offsets' in before) expect(made.mock.calls.filter(([e]) => e instanceof errors.KafkaJSPartialMessageError)).toEqual([]);
      }
      // The spy sees the original's error: a tail cut inside a batch makes one there.
      made.mockClear();
      await outcome(original as (d: DecoderLike) => Promise<{ offset: string }[]>, batches.subarray(0, batches.length - 3));
      expect(made.mock.calls.filter(([e]) => e instanceof errors.KafkaJSPartialMessageError)).toHaveLength(1);
    } finally {
      made.mockRestore();
    }
    expect((await outcome(patched as (d: DecoderLike) => Promise<{ offset: string }[]>, batches.subarray(0, batches.length - 3))).offsets).toEqual(['100', '101', '102', '103', '104']);
  });

  it('decode fetch responses to the same records as the original with every file patched together, as shipped: plain, gzip, control and append-time batches, headers, null and empty keys and values', async () => {
    const shipped = harness.patchedKafkajs(patchKafkajsConsumerSource);
    type DecodeMessages = (d: DecoderLike) => Promise<object[]>;
    const original = kafkajs('protocol/requests/fetch/v4/decodeMessages.js') as DecodeMessages;
    const patched = shipped.requireSrc('protocol/requests/fetch/v4/decodeMessages.js') as DecodeMessages;
    const PatchedDecoder = shipped.requireSrc('protocol/decoder.js') as DecoderClass;
    const { RecordBatch } = kafkajs('protocol/recordBatch/v0/index.js') as { RecordBatch: (b: object) => Promise<{ buffer: Buffer }> };
    const { Types } = kafkajs('protocol/message/compression/index.js') as { Types: { None: number; GZIP: number } };
    const records = [
      { offsetDelta: 0, timestampDelta: 0, key: Buffer.from('user-1'), value: Buffer.from('{"a":1}') },
      { offsetDelta: 1, timestampDelta: 12, key: null, value: null, headers: { h: 'x', m: ['1', '2'] } },
      { offsetDelta: 2, timestampDelta: -3, key: Buffer.alloc(0), value: Buffer.alloc(0) },
      { offsetDelta: 3, timestampDelta: 99, key: null, value: Buffer.from('x'.repeat(300)) },
    ];
    const batch = async (firstOffset: number, compression: number, setBits = 0) => {
      const bytes = (await RecordBatch({ compression, firstOffset: LongClass.fromValue(String(firstOffset)), firstTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_500, lastOffsetDelta: records.length - 1, records: records.map(encodeRecordEncoder) })).buffer;
      // Attributes (int16 after first offset, length, leader epoch, magic and CRC; kafkajs does not check the CRC): 0x20 control, 0x08 append time.
      bytes.writeInt16BE(bytes.readInt16BE(21) | setBits, 21);
      return bytes;
    };
    const sections = [
      Buffer.concat([await batch(100, Types.None), await batch(104, Types.GZIP)]),
      await batch(200, Types.None, 0x20),
      await batch(300, Types.None, 0x08),
      await batch(400, Types.GZIP, 0x08),
    ];
    for (const section of sections) {
      const framed = Buffer.concat([new (Encoder as unknown as new () => { writeInt32(n: number): { buffer: Buffer } })().writeInt32(section.length).buffer, section]);
      const before = (await original(new Decoder(framed))).map(recordFields);
      const after = (await patched(new PatchedDecoder(framed))) as { value: Buffer | null; valueBuffer?: Buffer; valueStart: number; valueEnd: number }[];
      expect(after.map(recordFields)).toEqual(before);
      expect(before.length).toBeGreaterThan(0);
      for (const r of after) if (r.valueBuffer !== undefined) expect(r.valueBuffer.subarray(r.valueStart, r.valueEnd)).toEqual(r.value);
    }
  });

  it('keep the same records of a batch as the original (offsets at, above and below the fetched one)', () => {
    const [Original, Patched] = originalAndPatched('consumer/batch.js') as (new (topic: string, fetchedOffset: unknown, data: object) => { messages: unknown[] })[];
    const message = (offset: string) => ({ offset, key: null, value: Buffer.from(offset), isControlRecord: false });
    for (const fetched of ['0', '5', '999999999999999', '1000000000000000', '9223372036854775806', 5]) {
      const offsets = ['0', '4', '5', '6', '999999999999998', '999999999999999', '1000000000000000', '9223372036854775806', '9223372036854775807'];
      const data = { partition: 0, highWatermark: '10', abortedTransactions: [], messages: offsets.map(message) };
      const kept = (B: typeof Original) => new (B as NonNullable<typeof Original>)('t', fetched, data).messages;
      expect(kept(Patched)).toEqual(kept(Original));
    }
  });

  it('keep the same records of a batch as the original when the decoder gives offset numbers: all kept, some not, control records, aborted transactions', () => {
    type BatchLike = { messages: unknown[]; messagesWithinOffset: unknown[]; firstOffset(): unknown; lastOffset(): unknown; isEmpty(): boolean; isEmptyControlRecord(): boolean; isEmptyDueToLogCompactedMessages(): boolean; offsetLag(): string; offsetLagLow(): string };
    const [Original, Patched] = originalAndPatched('consumer/batch.js') as (new (topic: string, fetchedOffset: unknown, data: object) => BatchLike)[];
    const message = (offset: number, control = false, producerId = '-1') => ({
      offset: String(offset),
      offsetNumber: offset,
      key: control ? Buffer.from([0, 0, 0, 0]) : null,
      value: Buffer.from(String(offset)),
      isControlRecord: control,
      batchContext: { producerId, inTransaction: producerId !== '-1' },
    });
    const plain = [5, 6, 7, 8].map((o) => message(o));
    const cases: { fetched: unknown; messages: object[]; abortedTransactions?: object[] }[] = [
      { fetched: '5', messages: plain },
      { fetched: '6', messages: plain },
      { fetched: '9', messages: plain },
      { fetched: '0', messages: [] },
      { fetched: '5', messages: [message(5), message(6, true), message(7)] },
      { fetched: '5', messages: [message(5), { ...message(6), offsetNumber: undefined }, message(7)] },
      { fetched: 5, messages: plain },
      { fetched: '1000000000000000', messages: plain },
      { fetched: '5', messages: [message(5, false, '7'), message(6, false, '7'), message(7, true, '7'), message(8)], abortedTransactions: [{ firstOffset: '5', producerId: '7' }] },
      // An aborted transaction whose marker is not in this fetch yet: its records are dropped all the same.
      { fetched: '5', messages: [message(5, false, '7'), message(6, false, '7'), message(8)], abortedTransactions: [{ firstOffset: '5', producerId: '7' }] },
      // A record without its number, below the fetched offset: dropped by the original's filter.
      { fetched: '6', messages: [{ ...message(5), offsetNumber: undefined }, message(6), message(7)] },
    ];
    for (const { fetched, messages, abortedTransactions = [] } of cases) {
      const observe = (B: NonNullable<typeof Original>) => {
        const b = new B('t', fetched, { partition: 0, highWatermark: '20', abortedTransactions, messages });
        return { messages: b.messages, within: b.messagesWithinOffset, first: b.firstOffset(), last: b.lastOffset(), empty: b.isEmpty(), control: b.isEmptyControlRecord(), compacted: b.isEmptyDueToLogCompactedMessages(), lag: b.offsetLag(), low: b.offsetLagLow() };
      };
      expect(observe(Patched as NonNullable<typeof Original>)).toEqual(observe(Original as NonNullable<typeof Original>));
    }
    // The usual batch keeps the decoded array itself: no copies.
    const usual = new (Patched as NonNullable<typeof Original>)('t', '5', { partition: 0, highWatermark: '20', abortedTransactions: [], messages: plain });
    expect(usual.messages).toBe(plain);
  });

  it('answer seek lookups as the original, empty or not', () => {
    const [Original, Patched] = originalAndPatched('consumer/seekOffsets.js') as (new () => { set(t: string, p: number, o: string): void; has(t: string, p: number): boolean; pop(t: string, p: number): unknown })[];
    const run = (S: NonNullable<typeof Original>) => {
      const s = new S();
      const out: unknown[] = [s.has('t', 0), s.pop('t', 0)];
      s.set('t', 1, '10');
      out.push(s.has('t', 0), s.has('t', 1), s.pop('t', 1), s.has('t', 1));
      return out;
    };
    expect(run(Patched as NonNullable<typeof Original>)).toEqual(run(Original as NonNullable<typeof Original>));
  });
});
