import { CompressionTypes } from 'kafkajs';

/** What a producer can write, by the names Kafka's own `compression.type` uses. */
export const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof COMPRESSION_NAMES)[number];

const TYPES: Record<CompressionName, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/** The kafkajs `compression` of a send for a compression name. */
export function compressionTypeOf(name: CompressionName): CompressionTypes {
  return TYPES[name];
}
