export { COMPRESSION_NAMES, compressionTypeOf, type CompressionName } from './lib/codecs/compression-name';
export { registerKafkaCodecs, skipUndecodableBatches } from './lib/codecs/kafka-codecs';
export { UndecodableBatchError, type BatchLocation } from './lib/codecs/undecodable-batch-error';
export { createKafkaClient, type KafkaClientOptions, type KafkaLogSink } from './lib/create-kafka-client';
export {
  DEAD_LETTER_HEADERS,
  DEFAULT_DEAD_LETTER_BOUNDS,
  DeadLetterPublishError,
  DeadLetterPublisher,
  type DeadLetterBounds,
  type DeadLetterPublishReport,
  deadLetterKey,
  toDeadLetterMessage,
  type DeadLetter,
  type SourceCoordinates,
} from './lib/dead-letter';
export { CLICKS_TOPIC, CLICKS_TOPIC_CONFIG, DEAD_LETTER_TOPIC } from './lib/topics';
export {
  checkKafkaSecurity,
  kafkaSecuritySettings,
  PLAINTEXT,
  toKafkaSecurity,
  type KafkaSecurity,
  type KafkaSecurityConfig,
} from './lib/kafka-security';
export { explainKafkaConnectFailure } from './lib/kafka-connect-failure';
