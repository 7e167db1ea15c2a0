import type { KafkaCodec } from './kafka-codec';

// lz4js has no type declarations; pure JS, so it bundles into the apps (no native file to ship).
const lz4js = require('lz4js') as { compress(data: Uint8Array): Uint8Array; decompress(data: Uint8Array): Uint8Array };

const asBuffer = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Kafka's lz4 (magic 2 batches): the standard LZ4 frame format, as the Java client and librdkafka write it. */
export const lz4FrameCodec: KafkaCodec = {
  compress: async (encoder) => asBuffer(lz4js.compress(encoder.buffer)),
  decompress: async (buffer) => asBuffer(lz4js.decompress(buffer)),
};
