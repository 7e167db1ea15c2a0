export {
  CheckpointedPartitionConsumer,
  DEFAULT_FETCH_MAX_BYTES,
  DEFAULT_FETCH_MAX_BYTES_PER_PARTITION,
  type CheckpointedConsumerOptions,
  type DeadLetterSink,
  type RuntimeLogger,
} from './lib/checkpointed-partition-consumer';
export { ACCEPTED, type ConsumedRecord, type PartitionTask, type PartitionTaskFactory, type RecordOutcome, type RecordRejection, type RefusedOutput, type TaskCut, type WriteReport } from './lib/partition-task';
export { createStreamRuntimeMetrics, type StreamRuntimeMetrics } from './lib/stream-runtime-metrics';
export { runConsumerApp, type ConsumerAppContext, type ConsumerAppDefinition, type ConsumerAppSettings } from './lib/consumer-app';
export { consumerAppSettings, DEFAULT_MAX_EVENT_AGE_DAYS, DEFAULT_MAX_FUTURE_SKEW_MS, type ConsumerAppDefaults } from './lib/consumer-app-settings';
export { PROCESSING_ERROR_REASON, SINK_REFUSED_REASON } from './lib/dead-letter-of';
export { RecoveryOffsetOutOfRangeError } from './lib/recovery-errors';
