export {
  CheckpointFencedError,
  CheckpointLedgerUnavailableError,
  CheckpointLostError,
  CheckpointStoreUnavailableError,
} from './lib/checkpoint-errors';
export {
  CheckpointedFlusher,
  flushToken,
  type FlushCheckpointStore,
  type FlushOutcome,
  type FlushRetryPolicy,
  type FlushUnit,
} from './lib/checkpointed-flush';
export type { CheckpointLedger, LedgerRange, LedgerRecoveryPoint, LedgerSnapshot } from './lib/checkpoint-ledger';
export { ClickHouseCheckpointLedger } from './lib/clickhouse-checkpoint-ledger';
export type { ClaimedPartition, PartitionRef, PendingFlush } from './lib/partition-checkpoint';
export { planRecovery, type RecoveryPlan } from './lib/recovery-plan';
export { RedisCheckpointStore } from './lib/redis-checkpoint-store';
export {
  checkRedisSecurity,
  createRedisClient,
  redisSecuritySettings,
  type RedisSecurityConfig,
} from './lib/redis-connection';
export { explainRedisConnectFailure, redisErrorForLog } from './lib/redis-connect-failure';
