export { COMPRESSION_NAMES, compressionTypeOf, type CompressionName } from './lib/codecs/compression-name';
export { registerKafkaCodecs, skipUndecodableBatches } from './lib/codecs/kafka-codecs';
export { UndecodableBatchError, type BatchLocation } from './lib/codecs/undecodable-batch-error';
export { createKafkaClient, type KafkaClientOptions, type KafkaLogSink } from './lib/create-kafka-client';
export {
  DEAD_LETTER_HEADERS,
  DeadLetterPublisher,
  deadLetterKey,
  toDeadLetterMessage,
  type DeadLetter,
  type SourceCoordinates,
} from './lib/dead-letter';
export { CLICKS_TOPIC, DEAD_LETTER_TOPIC } from './lib/topics';
