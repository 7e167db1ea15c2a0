import type { FetchResponseLayout } from './fetch-response-layout';
import type { KafkaCodec } from './kafka-codec';
import type { BatchLocation } from './undecodable-batch-error';

/** The codecs by Kafka codec id (attributes & 7), each with kafkajs' name for it. */
export type CodecsById = ReadonlyMap<number, { readonly name: string; readonly codec: KafkaCodec }>;

export interface UndecodableBatch {
  readonly location: BatchLocation;
  readonly codec: string;
  readonly reason: string;
  /** Where in the response: the partition's records size field, and the batch's first and end byte. */
  readonly bytes: { readonly sizeAt: number; readonly start: number; readonly end: number };
}

const CODEC_MASK = 0x07;
/** Record batch (magic 2) header: base offset (8) and length (4), then the bytes `length` counts. */
const BATCH_LOG_OVERHEAD = 12;
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const RECORD_COUNT_AT = 57;
const RECORDS_AT = 61;

/**
 * Walks a Fetch response as the broker sent it and returns the first record batch that does not
 * decode: a codec id with no codec, compressed bytes the codec refuses, or decompressed bytes that
 * do not hold the batch's record count. Runs only after kafkajs failed on the same response, to say
 * where; batches cut short by the fetch size and pre-0.11 message sets are passed over.
 */
export async function locateUndecodableBatch(response: Buffer, layout: FetchResponseLayout, codecs: CodecsById): Promise<UndecodableBatch | undefined> {
  let at = 4 + (layout.sessionHeader ? 6 : 0);
  const topics = response.readInt32BE(at);
  at += 4;
  for (let t = 0; t < topics; t++) {
    const nameLength = response.readInt16BE(at);
    const topic = response.toString('utf8', at + 2, at + 2 + nameLength);
    at += 2 + nameLength;
    const partitions = response.readInt32BE(at);
    at += 4;
    for (let p = 0; p < partitions; p++) {
      const partition = response.readInt32BE(at);
      at += 4 + 2 + 8 + 8 + (layout.logStartOffset ? 8 : 0);
      const aborted = response.readInt32BE(at);
      at += 4 + Math.max(0, aborted) * 16 + (layout.preferredReadReplica ? 4 : 0);
      const sizeAt = at;
      const size = response.readInt32BE(at);
      at += 4;
      const records = response.subarray(at, at + Math.max(0, size));
      const found = await firstUndecodableBatch(records, codecs);
      if (found) {
        const bytes = { sizeAt, start: at + found.start, end: at + found.end };
        return { codec: found.codec, reason: found.reason, location: { topic, partition, ...found.location }, bytes };
      }
      at += Math.max(0, size);
    }
  }
  return undefined;
}

async function firstUndecodableBatch(
  batches: Buffer,
  codecs: CodecsById,
): Promise<{ location: Pick<BatchLocation, 'firstOffset' | 'lastOffset'>; codec: string; reason: string; start: number; end: number } | undefined> {
  for (let at = 0; at + BATCH_LOG_OVERHEAD <= batches.length; ) {
    const end = at + BATCH_LOG_OVERHEAD + batches.readInt32BE(at + 8);
    if (end > batches.length || at + RECORDS_AT > batches.length) return undefined; // cut short by the fetch size
    if (batches.readInt8(at + MAGIC_AT) !== 2) return undefined; // a legacy message set
    const id = batches.readInt16BE(at + ATTRIBUTES_AT) & CODEC_MASK;
    if (id !== 0) {
      const first = batches.readBigInt64BE(at);
      const location = { firstOffset: String(first), lastOffset: String(first + BigInt(batches.readInt32BE(at + LAST_OFFSET_DELTA_AT))) };
      const count = batches.readInt32BE(at + RECORD_COUNT_AT);
      const reason = await whyUndecodable(batches.subarray(at + RECORDS_AT, end), count, codecs.get(id)?.codec);
      if (reason) return { location, codec: codecs.get(id)?.name ?? `id ${id}`, reason, start: at, end };
    }
    at = end;
  }
  return undefined;
}

async function whyUndecodable(compressed: Buffer, count: number, codec: KafkaCodec | undefined): Promise<string | undefined> {
  if (!codec) return 'no codec is registered for this id (Kafka defines 1 gzip, 2 snappy, 3 lz4, 4 zstd)';
  let records: Buffer;
  try {
    records = await codec.decompress(compressed);
  } catch (err) {
    return `decompression failed: ${(err as Error).message}`;
  }
  return holdsRecords(records, count) ? undefined : `the decompressed bytes do not hold the batch's ${count} records`;
}

/** True when `bytes` is exactly `count` length-prefixed (zigzag varint) records. */
export function holdsRecords(bytes: Buffer, count: number): boolean {
  let at = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= bytes.length || shift > 28) return false;
      byte = bytes[at++] as number;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    const length = (value >>> 1) ^ -(value & 1);
    if (length < 0 || at + length > bytes.length) return false;
    at += length;
  }
  return at === bytes.length;
}

/**
 * The response with the batch at `bytes` replaced by an uncompressed batch of as many records,
 * each without key or value, the last at the batch's last offset: what a consumer told to pass an
 * undecodable batch reads instead (and dead-letters as empty records, so nothing vanishes unseen).
 */
export function withBatchEmptied(response: Buffer, bytes: UndecodableBatch['bytes']): Buffer {
  const original = response.subarray(bytes.start, bytes.end);
  const count = original.readInt32BE(RECORD_COUNT_AT);
  const lastOffsetDelta = original.readInt32BE(LAST_OFFSET_DELTA_AT);
  const records: number[] = [];
  for (let i = 0; i < count; i++) {
    // attributes 0, timestamp delta 0, offset delta, key -1, value -1, no headers.
    const body = [0, 0, ...zigzagVarint(lastOffsetDelta - (count - 1 - i)), 1, 1, 0];
    records.push(...zigzagVarint(body.length), ...body);
  }
  const header = Buffer.from(original.subarray(0, RECORDS_AT));
  header.writeInt16BE(header.readInt16BE(ATTRIBUTES_AT) & ~CODEC_MASK, ATTRIBUTES_AT);
  header.writeInt32BE(RECORDS_AT - BATCH_LOG_OVERHEAD + records.length, 8);
  const batch = Buffer.concat([header, Buffer.from(records)]);
  const out = Buffer.concat([response.subarray(0, bytes.start), batch, response.subarray(bytes.end)]);
  out.writeInt32BE(out.readInt32BE(bytes.sizeAt) + batch.length - original.length, bytes.sizeAt);
  return out;
}

function zigzagVarint(n: number): number[] {
  let v = (n << 1) ^ (n >> 31);
  const out: number[] = [];
  while ((v & ~0x7f) !== 0) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}
