import { backOff } from 'exponential-backoff';
import { CheckpointFencedError } from './checkpoint-errors';
import type { PartitionRef } from './partition-checkpoint';
import type { RedisCheckpointStore } from './redis-checkpoint-store';

/**
 * One atomic step of a partition: everything derived from records (fromOffset, toOffset] plus the
 * state after them. `writes` receive a deduplication token that depends only on the partition and
 * the range, so replaying the same range after a crash produces the same tokens.
 */
export interface FlushUnit {
  readonly ref: PartitionRef;
  readonly epoch: number;
  readonly fromOffset: string;
  readonly toOffset: string;
  /** Serialized state after toOffset; produced synchronously at the cut. */
  readonly state: string;
  /** Side effects that must land before the commit, each idempotent under its token. */
  readonly writes: ReadonlyArray<(dedupToken: string) => Promise<unknown>>;
}

export interface FlushRetryPolicy {
  readonly startingDelayMs: number;
  readonly maxDelayMs: number;
  /** Called between attempts: keep the consumer's group membership alive, log, count. */
  readonly onRetry: (err: unknown, attempt: number) => void | Promise<void>;
  /** Stop retrying (e.g. shutting down): the flush fails and its range is replayed later. */
  readonly shouldGiveUp: () => boolean;
}

export interface FlushOutcome {
  readonly attempts: number;
  readonly durationMs: number;
}

/** `<namespace>:<topic>:<partition>:<from>-<to>`; the writes append their table name. */
export function flushToken(namespace: string, unit: Pick<FlushUnit, 'ref' | 'fromOffset' | 'toOffset'>): string {
  return `${namespace}:${unit.ref.topic}:${unit.ref.partition}:${unit.fromOffset}-${unit.toOffset}`;
}

/**
 * The exactly-once step: announce the range (fenced by epoch), perform the idempotent writes,
 * then commit offset + state atomically. A crash anywhere leaves either the old checkpoint with the
 * intent (the next owner replays exactly that range: same data, same tokens, dropped as duplicates
 * where they already landed) or the new checkpoint. Transient failures are retried with
 * exponential backoff; a fence is final and is rethrown at once.
 */
export class CheckpointedFlusher {
  constructor(
    private readonly store: RedisCheckpointStore,
    private readonly namespace: string,
    private readonly retry: FlushRetryPolicy,
  ) {}

  async flush(unit: FlushUnit): Promise<FlushOutcome> {
    const started = performance.now();
    const token = flushToken(this.namespace, unit);
    let attempts = 0;
    await backOff(
      async () => {
        attempts++;
        await this.store.beginFlush(unit.ref, unit.epoch, { fromOffset: unit.fromOffset, toOffset: unit.toOffset });
        await Promise.all(unit.writes.map((write) => write(token)));
        await this.store.commit(unit.ref, unit.epoch, unit.toOffset, unit.state);
      },
      {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        startingDelay: this.retry.startingDelayMs,
        maxDelay: this.retry.maxDelayMs,
        timeMultiple: 2,
        jitter: 'full',
        retry: async (err: unknown, attempt: number) => {
          if (err instanceof CheckpointFencedError || this.retry.shouldGiveUp()) return false;
          await this.retry.onRetry(err, attempt);
          return true;
        },
      },
    );
    return { attempts, durationMs: performance.now() - started };
  }
}
