import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { FETCH_RESPONSE_LAYOUTS, type FetchResponseLayout } from './fetch-response-layout';
import type { KafkaCodec } from './kafka-codec';
import { lz4FrameCodec } from './lz4-frame-codec';
import { snappyCodec } from './snappy-codec';
import { UndecodableBatchError } from './undecodable-batch-error';
import { locateUndecodableBatch, withBatchEmptied, type CodecsById } from './undecodable-batch-locator';
import { zstdCodec } from './zstd-codec';

type CodecRegistry = Record<number, () => KafkaCodec>;
const registry = CompressionCodecs as unknown as CodecRegistry;

/** Kafka's codec ids; kafkajs reads only gzip by itself. 5-7 are unassigned. */
const CODECS: CodecsById = new Map([
  [CompressionTypes.GZIP, { name: 'gzip', codec: registry[CompressionTypes.GZIP]?.() as KafkaCodec }],
  [CompressionTypes.Snappy, { name: 'snappy', codec: snappyCodec }],
  [CompressionTypes.LZ4, { name: 'lz4', codec: lz4FrameCodec }],
  [CompressionTypes.ZSTD, { name: 'zstd', codec: zstdCodec }],
]);
const UNASSIGNED_CODEC_IDS = [5, 6, 7];

/**
 * The Fetch response decoders kafkajs uses with brokers since 0.11 (record batches). Required by
 * path so a bundle holds the very modules kafkajs' own fetch request loads.
 */
const FETCH_RESPONSE_MODULES: ReadonlyArray<readonly [number, () => { decode(data: Buffer): Promise<unknown> }]> = [
  [4, () => require('kafkajs/src/protocol/requests/fetch/v4/response')],
  [5, () => require('kafkajs/src/protocol/requests/fetch/v5/response')],
  [6, () => require('kafkajs/src/protocol/requests/fetch/v6/response')],
  [7, () => require('kafkajs/src/protocol/requests/fetch/v7/response')],
  [8, () => require('kafkajs/src/protocol/requests/fetch/v8/response')],
  [9, () => require('kafkajs/src/protocol/requests/fetch/v9/response')],
  [10, () => require('kafkajs/src/protocol/requests/fetch/v10/response')],
  [11, () => require('kafkajs/src/protocol/requests/fetch/v11/response')],
];

let registered = false;
/** `topic:partition:firstOffset` of batches an operator told us to pass (skipUndecodableBatches). */
let skips = new Set<string>();
let onSkip: (err: UndecodableBatchError) => void = () => undefined;

const SKIP_ENTRY = /^(.+):(\d+):(\d+)$/;

/**
 * Lets this process's consumers pass the named undecodable batches (`topic:partition:offset`, the
 * first offset the stop line printed): each reads as that many records without key or value, which
 * the apps dead-letter as empty. Anything else that does not decode still stops the consumer.
 */
export function skipUndecodableBatches(entries: readonly string[], onSkipped: (err: UndecodableBatchError) => void): void {
  for (const entry of entries) {
    if (!SKIP_ENTRY.test(entry)) throw new RangeError(`'${entry}' is not topic:partition:offset (e.g. web.clicks:3:1200, as the undecodable-batch line prints it)`);
  }
  skips = new Set(entries);
  onSkip = onSkipped;
}

/**
 * Makes every kafkajs client in this process read (and a producer able to write) all of Kafka's
 * codecs: gzip (kafkajs' own), snappy, lz4 and zstd (docs/benchmarks.md, "Compression codecs",
 * says why these packages). A batch that still does not decode stops the consumer with an
 * UndecodableBatchError naming topic, partition, offsets and codec, never skipped or retried.
 * Idempotent; createKafkaClient calls it.
 */
export function registerKafkaCodecs(): void {
  if (registered) return;
  registered = true;
  for (const [id, { name, codec }] of CODECS) registry[id] = () => refusingAsUndecodable(name, codec);
  for (const id of UNASSIGNED_CODEC_IDS) {
    // Without an entry kafkajs would read the compressed bytes as uncompressed records.
    registry[id] = () => {
      throw new UndecodableBatchError(`id ${id}`, 'no codec is registered for this id (Kafka defines 1 gzip, 2 snappy, 3 lz4, 4 zstd)');
    };
  }
  for (const [version, load] of FETCH_RESPONSE_MODULES) {
    const response = load();
    const decode = response.decode;
    const layout = FETCH_RESPONSE_LAYOUTS[version];
    if (!layout) continue;
    response.decode = (data) => decodeLocatingFailures(decode, data, layout);
  }
}

function refusingAsUndecodable(name: string, codec: KafkaCodec): KafkaCodec {
  return {
    compress: (encoder) => codec.compress(encoder),
    async decompress(buffer) {
      try {
        return await codec.decompress(buffer);
      } catch (err) {
        throw new UndecodableBatchError(name, `decompression failed: ${(err as Error).message}`);
      }
    },
  };
}

/**
 * kafkajs' decode of a Fetch response; when it fails on a batch no codec can decode, the failure
 * becomes an UndecodableBatchError saying where, or the batch is passed when it is one to skip.
 * Each pass empties one compressed batch, so the loop ends.
 */
async function decodeLocatingFailures(decode: (data: Buffer) => Promise<unknown>, data: Buffer, layout: FetchResponseLayout): Promise<unknown> {
  for (let response = data; ; ) {
    try {
      return await decode(response);
    } catch (err) {
      if ((err as Error | undefined)?.name === 'KafkaJSPartialMessageError') throw err;
      const found = await locateUndecodableBatch(response, layout, CODECS).catch(() => undefined);
      if (!found) throw err;
      const located = new UndecodableBatchError(found.codec, found.reason, found.location);
      const { topic, partition, firstOffset } = found.location;
      if (!skips.has(`${topic}:${partition}:${firstOffset}`)) throw located;
      onSkip(located);
      response = withBatchEmptied(response, found.bytes);
    }
  }
}
