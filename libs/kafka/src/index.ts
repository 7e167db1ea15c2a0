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
export {
  checkKafkaSecurity,
  kafkaSecuritySettings,
  PLAINTEXT,
  toKafkaSecurity,
  type KafkaSecurity,
  type KafkaSecurityConfig,
} from './lib/kafka-security';
export { explainKafkaConnectFailure } from './lib/kafka-connect-failure';
