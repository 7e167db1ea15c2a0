import type { Redis } from 'ioredis';
import { CheckpointFencedError, CheckpointLostError, CheckpointStoreUnavailableError } from './checkpoint-errors';
import type { ClaimedPartition, PartitionRef, PendingFlush } from './partition-checkpoint';

// Each script runs atomically in Redis, so a checkpoint is either entirely old or entirely new.
// Replies of BEGIN_FLUSH and COMMIT: 1 done, 0 fenced (another epoch), -1 lost (the key is gone).
// CLAIM takes a floor: after Redis lost its data, the new epoch must exceed every epoch the durable
// ledger saw, or an old zombie could present a matching one.
const CLAIM = `
local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
if epoch <= tonumber(ARGV[1]) then
  epoch = tonumber(ARGV[1]) + 1
  redis.call('HSET', KEYS[1], 'epoch', epoch)
end
local v = redis.call('HMGET', KEYS[1], 'offset', 'state', 'pendingFrom', 'pendingTo', 'committedAt')
return {epoch, v[1], v[2], v[3], v[4], v[5]}`;

const BEGIN_FLUSH = `
local current = redis.call('HGET', KEYS[1], 'epoch')
if not current then return -1 end
if tonumber(current) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'pendingFrom', ARGV[2], 'pendingTo', ARGV[3])
return 1`;

const COMMIT = `
local current = redis.call('HGET', KEYS[1], 'epoch')
if not current then return -1 end
if tonumber(current) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'offset', ARGV[2], 'state', ARGV[3], 'committedAt', ARGV[4])
redis.call('HDEL', KEYS[1], 'pendingFrom', 'pendingTo')
return 1`;

type ClaimReply = [number, string | null, string | null, string | null, string | null, string | null];

interface CheckpointCommands {
  checkpointClaim(key: string, minEpoch: number): Promise<ClaimReply>;
  checkpointBeginFlush(key: string, epoch: number, from: string, to: string): Promise<number>;
  checkpointCommit(key: string, epoch: number, offset: string, state: string, at: number): Promise<number>;
}

/**
 * Per-partition checkpoints (offset + engine state) in Redis, fenced by an epoch that each new
 * owner increments when it claims the partition: a stale owner (after a rebalance or a long GC
 * pause) can neither announce nor commit a flush. Offsets in Kafka are only for lag monitoring;
 * these are the source of truth, as Flink keeps offsets in its own checkpoints.
 */
export class RedisCheckpointStore {
  private readonly redis: Redis & CheckpointCommands;

  constructor(
    redis: Redis,
    /** Key prefix, e.g. `clickstream:aggregator:<group>`; different apps must not share one. */
    private readonly namespace: string,
    private readonly now: () => number = Date.now,
  ) {
    redis.defineCommand('checkpointClaim', { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand('checkpointBeginFlush', { numberOfKeys: 1, lua: BEGIN_FLUSH });
    redis.defineCommand('checkpointCommit', { numberOfKeys: 1, lua: COMMIT });
    this.redis = redis as Redis & CheckpointCommands;
  }

  keyOf(ref: PartitionRef): string {
    return `${this.namespace}:checkpoint:${ref.topic}:${ref.partition}`;
  }

  /**
   * Takes ownership (fencing out the previous owner) and returns the last committed checkpoint.
   * The new epoch is above `minEpoch` (the ledger's highest, when recovering from it).
   */
  async claim(ref: PartitionRef, minEpoch = 0): Promise<ClaimedPartition> {
    const [epoch, offset, state, pendingFrom, pendingTo, committedAt] = await this.call('claim', () =>
      this.redis.checkpointClaim(this.keyOf(ref), minEpoch),
    );
    return {
      ref,
      epoch: Number(epoch),
      offset: offset ?? undefined,
      state: state ?? undefined,
      pending: pendingFrom !== null && pendingTo !== null ? { fromOffset: pendingFrom, toOffset: pendingTo } : undefined,
      committedAt: committedAt !== null ? Number(committedAt) : undefined,
    };
  }

  /** Announces that records (from, to] are about to be written downstream. */
  async beginFlush(ref: PartitionRef, epoch: number, flush: PendingFlush): Promise<void> {
    const ok = await this.call('beginFlush', () =>
      this.redis.checkpointBeginFlush(this.keyOf(ref), epoch, flush.fromOffset, flush.toOffset),
    );
    this.check(ok, ref, epoch, 'beginFlush');
  }

  /** Records that everything before `offset` is reflected downstream and in `state`; clears the intent. */
  async commit(ref: PartitionRef, epoch: number, offset: string, state: string): Promise<void> {
    const ok = await this.call('commit', () =>
      this.redis.checkpointCommit(this.keyOf(ref), epoch, offset, state, this.now()),
    );
    this.check(ok, ref, epoch, 'commit');
  }

  private check(reply: number, ref: PartitionRef, epoch: number, operation: string): void {
    if (reply === -1) throw new CheckpointLostError(ref, epoch, operation);
    if (reply !== 1) throw new CheckpointFencedError(ref, epoch, operation);
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new CheckpointStoreUnavailableError(operation, err);
    }
  }
}
