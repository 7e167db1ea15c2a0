import { decompress } from 'fzstd';
import type { KafkaCodec } from './kafka-codec';

interface ZstdSimple {
  compress(data: Uint8Array, level?: number): Uint8Array | null;
}

/** Level 3 is zstd's default, and the Java client's and librdkafka's. */
const ZSTD_LEVEL = 3;

let simple: Promise<ZstdSimple> | undefined;

/** zstd-codec (zstd compiled to WebAssembly, inlined in its JS): loaded on the first compress only. */
function zstdSimple(): Promise<ZstdSimple> {
  simple ??= new Promise((resolve) => {
    const { ZstdCodec } = require('zstd-codec') as { ZstdCodec: { run(ready: (zstd: { Simple: new () => ZstdSimple }) => void): void } };
    ZstdCodec.run((zstd) => resolve(new zstd.Simple()));
  });
  return simple;
}

const asBuffer = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Compresses with zstd-codec, decompresses with fzstd (pure JS): fzstd reads frames without a
 * content size too, which the Java client's streaming compressor writes.
 */
export const zstdCodec: KafkaCodec = {
  async compress(encoder) {
    const compressed = (await zstdSimple()).compress(encoder.buffer, ZSTD_LEVEL);
    if (!compressed) throw new Error('zstd compression failed');
    return asBuffer(compressed);
  },
  decompress: async (buffer) => asBuffer(decompress(buffer)),
};
