import { backOff } from 'exponential-backoff';
import type { CheckpointLedger } from './checkpoint-ledger';
import type { PartitionRef } from './partition-checkpoint';
import type { RedisCheckpointStore } from './redis-checkpoint-store';

/** The part of the Redis store a flush uses (a fake in unit tests). */
export type FlushCheckpointStore = Pick<RedisCheckpointStore, 'beginFlush' | 'commit'>;

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
  /** Also write `state` to the durable ledger as a snapshot (ignored without a ledger). */
  readonly snapshot?: boolean;
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
 * exponential backoff; an error marked `retriable: false` (a fence, a lost checkpoint) is final
 * and is rethrown at once.
 *
 * With a durable ledger, the range is recorded there right after the announce and, when asked, the
 * state after `to` once the writes landed: what a recovery needs if Redis loses its data. A lost
 * checkpoint key (CheckpointLostError) is final too: the caller recovers the partition.
 */
export class CheckpointedFlusher {
  constructor(
    private readonly store: FlushCheckpointStore,
    private readonly namespace: string,
    private readonly retry: FlushRetryPolicy,
    private readonly ledger?: CheckpointLedger,
  ) {}

  async flush(unit: FlushUnit): Promise<FlushOutcome> {
    const started = performance.now();
    const token = flushToken(this.namespace, unit);
    let attempts = 0;
    await backOff(
      async () => {
        attempts++;
        const range = { fromOffset: unit.fromOffset, toOffset: unit.toOffset };
        await this.store.beginFlush(unit.ref, unit.epoch, range);
        await this.ledger?.recordRange({ ref: unit.ref, epoch: unit.epoch, ...range }, `${token}:ledger`);
        await Promise.all(unit.writes.map((write) => write(token)));
        if (unit.snapshot) {
          await this.ledger?.recordSnapshot({ ref: unit.ref, epoch: unit.epoch, offset: unit.toOffset, state: unit.state }, `${token}:snapshot`);
        }
        await this.store.commit(unit.ref, unit.epoch, unit.toOffset, unit.state);
      },
      {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        startingDelay: this.retry.startingDelayMs,
        maxDelay: this.retry.maxDelayMs,
        timeMultiple: 2,
        jitter: 'full',
        retry: async (err: unknown, attempt: number) => {
          // Errors say whether retrying can help (kafkajs' `retriable`); no instanceof chains here.
          if ((err as { retriable?: unknown } | undefined)?.retriable === false || this.retry.shouldGiveUp()) return false;
          await this.retry.onRetry(err, attempt);
          return true;
        },
      },
    );
    return { attempts, durationMs: performance.now() - started };
  }
}
