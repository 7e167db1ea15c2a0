/** A kafkajs compression codec: what `CompressionCodecs[type]()` returns. */
export interface KafkaCodec {
  /** `encoder.buffer` holds the batch's encoded records. */
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}
