export { CheckpointFencedError, CheckpointStoreUnavailableError } from './lib/checkpoint-errors';
export type { ClaimedPartition, PartitionRef, PendingFlush } from './lib/partition-checkpoint';
export { RedisCheckpointStore } from './lib/redis-checkpoint-store';
