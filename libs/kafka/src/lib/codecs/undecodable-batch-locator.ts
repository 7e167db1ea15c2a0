import type { FetchResponseLayout } from './fetch-response-layout';
import type { KafkaCodec } from './kafka-codec';
import type { BatchLocation } from './undecodable-batch-error';

/** The codecs by Kafka codec id (attributes & 7), each with kafkajs' name for it. */
export type CodecsById = ReadonlyMap<number, { readonly name: string; readonly codec: KafkaCodec }>;

export interface UndecodableBatch {
  readonly location: BatchLocation;
  readonly codec: string;
  readonly reason: string;
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
      const size = response.readInt32BE(at);
      at += 4;
      const records = response.subarray(at, at + Math.max(0, size));
      at += Math.max(0, size);
      const found = await firstUndecodableBatch(records, codecs);
      if (found) return { ...found, location: { topic, partition, ...found.location } };
    }
  }
  return undefined;
}

async function firstUndecodableBatch(
  batches: Buffer,
  codecs: CodecsById,
): Promise<{ location: Pick<BatchLocation, 'firstOffset' | 'lastOffset'>; codec: string; reason: string } | undefined> {
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
      if (reason) return { location, codec: codecs.get(id)?.name ?? `id ${id}`, reason };
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
