import type { KafkaCodec } from './kafka-codec';
import { compressLz4Block, lz4BlockBound } from './lz4-block-compressor';

// lz4js: pure JS, so it bundles into the apps (no native file to ship); no type declarations.
// It decompresses; its compressor writes dependent blocks and breaks end-of-block rules now and
// then, both of which brokers refuse, so blocks are compressed by lz4-block-compressor.ts.
const lz4js = require('lz4js') as { decompress(data: Uint8Array): Uint8Array };
const xxh32 = require('lz4js/xxh32') as { hash(seed: number, data: Uint8Array, start: number, length: number): number };

const MAGIC = 0x184d2204;
/** FLG: version 01, independent blocks, no block or content checksum, no content size. */
const FLG = 0x60;
/** BD: 64 KiB blocks, as Kafka's Java client writes. */
const BD = 0x40;
const BLOCK_SIZE = 64 * 1024;
const UNCOMPRESSED_BLOCK = 0x80000000;

const hashTable = new Uint32Array(1 << 16);
const blockBuffer = Buffer.alloc(lz4BlockBound(BLOCK_SIZE));
const descriptor = Buffer.from([FLG, BD]);
const HEADER = Buffer.alloc(7);
HEADER.writeUInt32LE(MAGIC, 0);
descriptor.copy(HEADER, 4);
HEADER[6] = (xxh32.hash(0, descriptor, 0, 2) >>> 8) & 0xff;

/**
 * An LZ4 frame of independent 64 KiB blocks: what Kafka's brokers accept (they refuse frames with
 * dependent blocks, which lz4js' own compress writes) and what the Java client writes.
 */
function compressFrame(src: Buffer): Buffer {
  const parts: Buffer[] = [HEADER];
  for (let start = 0; start < src.length; start += BLOCK_SIZE) {
    const length = Math.min(BLOCK_SIZE, src.length - start);
    const compressed = compressLz4Block(src, start, length, blockBuffer, hashTable);
    const size = Buffer.alloc(4);
    if (compressed > 0 && compressed < length) {
      size.writeUInt32LE(compressed, 0);
      parts.push(size, Buffer.from(blockBuffer.subarray(0, compressed)));
    } else {
      size.writeUInt32LE((UNCOMPRESSED_BLOCK | length) >>> 0, 0);
      parts.push(size, src.subarray(start, start + length));
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}

const asBuffer = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Kafka's lz4 (magic 2 batches): the standard LZ4 frame format, as the Java client and librdkafka write it. */
export const lz4FrameCodec: KafkaCodec = {
  compress: async (encoder) => compressFrame(encoder.buffer),
  decompress: async (buffer) => asBuffer(lz4js.decompress(buffer)),
};
