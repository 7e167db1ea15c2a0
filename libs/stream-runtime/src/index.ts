export { CheckpointedPartitionConsumer, type CheckpointedConsumerOptions, type RuntimeLogger } from './lib/checkpointed-partition-consumer';
export type { ConsumedRecord, PartitionTask, PartitionTaskFactory, TaskCut } from './lib/partition-task';
export { SerialQueue } from './lib/serial-queue';
export { createStreamRuntimeMetrics, type StreamRuntimeMetrics } from './lib/stream-runtime-metrics';
export { runConsumerApp, type ConsumerAppContext, type ConsumerAppDefinition, type ConsumerAppSettings } from './lib/consumer-app';
export { consumerAppSettings, type ConsumerAppDefaults } from './lib/consumer-app-settings';
export { deadLetterOf } from './lib/dead-letter-of';
export { RecoveryOffsetOutOfRangeError } from './lib/recovery-errors';
