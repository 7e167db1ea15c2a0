import { CompressionTypes } from 'kafkajs';
import { registerKafkaCodecs, skipUndecodableBatches } from './kafka-codecs';
import { UndecodableBatchError } from './undecodable-batch-error';
import { holdsRecords } from './undecodable-batch-locator';

// kafkajs' own encoders and Fetch v11 decoder (the version it uses with Kafka 2.3+): the bytes a
// broker sends, decoded by the code path a consumer runs.
const Encoder = require('kafkajs/src/protocol/encoder') as new () => KafkaEncoder;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as { RecordBatch(b: object): Promise<KafkaEncoder> };
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: object) => KafkaEncoder;
const fetchV11 = require('kafkajs/src/protocol/requests/fetch/v11/response') as { decode(data: Buffer): Promise<FetchResponse> };

interface KafkaEncoder {
  buffer: Buffer;
  writeInt16(v: number): KafkaEncoder;
  writeInt32(v: number): KafkaEncoder;
  writeInt64(v: number | string): KafkaEncoder;
  writeString(v: string): KafkaEncoder;
  writeBytes(v: Buffer): KafkaEncoder;
  writeArray(v: KafkaEncoder[]): KafkaEncoder;
}
interface FetchResponse {
  responses: { topicName: string; partitions: { partition: number; messages: { offset: string; value: Buffer | null }[] }[] }[];
}

registerKafkaCodecs();

/** A record batch of `values` at `firstOffset`, compressed with `compression`. */
async function batch(firstOffset: number, values: string[], compression: CompressionTypes): Promise<Buffer> {
  const records = values.map((v, i) => Record({ offsetDelta: i, timestampDelta: 0, key: Buffer.from(`k${i}`), value: Buffer.from(v), headers: {} }));
  const encoded = await RecordBatch({ compression, firstOffset: String(firstOffset), lastOffsetDelta: values.length - 1, records });
  return encoded.buffer;
}

/** A Fetch v11 response body: one topic, one entry per partition with its batches concatenated. */
function fetchResponse(topic: string, partitions: ReadonlyArray<readonly [number, Buffer]>): Buffer {
  const partitionEntries = partitions.map(([partition, batches]) =>
    new Encoder()
      .writeInt32(partition)
      .writeInt16(0)
      .writeInt64(1000)
      .writeInt64(1000)
      .writeInt64(0)
      .writeInt32(-1) // no aborted transactions
      .writeInt32(-1) // no preferred read replica
      .writeBytes(batches),
  );
  const topicEntry = new Encoder().writeString(topic).writeArray(partitionEntries);
  return new Encoder().writeInt32(0).writeInt16(0).writeInt32(0).writeArray([topicEntry]).buffer;
}

/** The batch with the middle of its compressed payload overwritten. */
function corrupted(b: Buffer): Buffer {
  const copy = Buffer.from(b);
  const payloadStart = 61;
  copy.fill(0xa5, payloadStart + 4, copy.length - 4);
  return copy;
}

async function decodeError(response: Buffer): Promise<UndecodableBatchError> {
  const err = await fetchV11.decode(response).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UndecodableBatchError);
  return err as UndecodableBatchError;
}

const VALUES = ['{"a":1}', '{"a":2}', '{"a":3}', '{"a":4}', '{"a":5}'];
const CODECS = [
  ['gzip', CompressionTypes.GZIP],
  ['snappy', CompressionTypes.Snappy],
  ['lz4', CompressionTypes.LZ4],
  ['zstd', CompressionTypes.ZSTD],
] as const;

describe('registerKafkaCodecs', () => {
  it.each(CODECS)('writes and reads %s batches', async (_name, type) => {
    const response = fetchResponse('t', [[0, Buffer.concat([await batch(0, VALUES, type), await batch(5, VALUES, CompressionTypes.None)])]]);
    const decoded = await fetchV11.decode(response);
    const messages = decoded.responses[0]?.partitions[0]?.messages ?? [];
    expect(messages.map((m) => [m.offset, m.value?.toString()])).toEqual([...VALUES, ...VALUES].map((v, i) => [String(i), v]));
  });

  it.each(CODECS)('names topic, partition, offsets and codec of a corrupt %s batch, and is not retriable', async (name, type) => {
    const good = await batch(100, VALUES, CompressionTypes.GZIP);
    const bad = corrupted(await batch(105, VALUES, type));
    const response = fetchResponse('web.clicks', [
      [0, await batch(7, VALUES, type)],
      [3, Buffer.concat([good, bad])],
    ]);
    const err = await decodeError(response);
    expect(err.codec).toBe(name);
    expect(err.location).toEqual({ topic: 'web.clicks', partition: 3, firstOffset: '105', lastOffset: '109' });
    expect(err.retriable).toBe(false);
    expect(err.message).toMatch(new RegExp(`^undecodable record batch in web\\.clicks partition 3 at offsets 105\\.\\.109 \\(codec ${name}\\): `));
  });

  it('refuses a codec id Kafka never assigned instead of reading compressed bytes as records', async () => {
    const b = await batch(0, VALUES, CompressionTypes.GZIP);
    b.writeInt16BE(b.readInt16BE(21) | 5, 21); // attributes: codec id 5
    const err = await decodeError(fetchResponse('t', [[2, b]]));
    expect(err.codec).toBe('id 5');
    expect(err.location).toEqual({ topic: 't', partition: 2, firstOffset: '0', lastOffset: '4' });
  });

  it('passes over a batch cut short by the fetch size, as kafkajs does', async () => {
    const whole = await batch(0, VALUES, CompressionTypes.LZ4);
    const cut = (await batch(5, VALUES, CompressionTypes.LZ4)).subarray(0, 40);
    const decoded = await fetchV11.decode(fetchResponse('t', [[0, Buffer.concat([whole, cut])]]));
    expect(decoded.responses[0]?.partitions[0]?.messages).toHaveLength(5);
  });
});

describe('skipUndecodableBatches', () => {
  afterEach(() => skipUndecodableBatches([], () => undefined));

  it('reads a named undecodable batch as records without key or value at its offsets, and reports it', async () => {
    const skipped: UndecodableBatchError[] = [];
    skipUndecodableBatches(['web.clicks:3:105'], (err) => skipped.push(err));
    const bad = corrupted(await batch(105, VALUES, CompressionTypes.LZ4));
    const response = fetchResponse('web.clicks', [[3, Buffer.concat([await batch(100, VALUES, CompressionTypes.GZIP), bad, await batch(110, VALUES, CompressionTypes.ZSTD)])]]);
    const messages = (await fetchV11.decode(response)).responses[0]?.partitions[0]?.messages ?? [];
    expect(messages.map((m) => [m.offset, m.value?.toString() ?? null])).toEqual([
      ...VALUES.map((v, i) => [String(100 + i), v]),
      ...VALUES.map((_, i) => [String(105 + i), null]),
      ...VALUES.map((v, i) => [String(110 + i), v]),
    ]);
    expect(skipped.map((e) => e.location)).toEqual([{ topic: 'web.clicks', partition: 3, firstOffset: '105', lastOffset: '109' }]);
  });

  it('still stops on an undecodable batch it was not told to pass', async () => {
    skipUndecodableBatches(['web.clicks:3:100'], () => undefined);
    const err = await decodeError(fetchResponse('web.clicks', [[3, corrupted(await batch(105, VALUES, CompressionTypes.Snappy))]]));
    expect(err.location?.firstOffset).toBe('105');
  });

  it('refuses an entry that is not topic:partition:offset', () => {
    expect(() => skipUndecodableBatches(['web.clicks:3'], () => undefined)).toThrow(/not topic:partition:offset/);
  });
});

describe('holdsRecords', () => {
  it('accepts exactly `count` length-prefixed records and nothing else', () => {
    const two = Buffer.from([0x04, 1, 2, 0x02, 9]); // lengths 2 and 1 (zigzag)
    expect(holdsRecords(two, 2)).toBe(true);
    expect(holdsRecords(two, 1)).toBe(false);
    expect(holdsRecords(two, 3)).toBe(false);
    expect(holdsRecords(Buffer.from([0x08, 1]), 1)).toBe(false);
    expect(holdsRecords(Buffer.from([0x01]), 1)).toBe(false); // negative length
  });
});
