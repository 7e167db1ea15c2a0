import { RecoveryOffsetOutOfRangeError } from './recovery-errors';
import { planRecovery, type CheckpointLedger, type ClaimedPartition, type PartitionRef, type RedisCheckpointStore } from '@clickstream/checkpoint';

/** A claim, plus how it was rebuilt from the durable ledger when Redis had nothing for it. */
export interface PartitionClaim {
  /** What the task is built from: for a recovery, the snapshot state and the ledger's pending range. */
  readonly claim: ClaimedPartition;
  readonly recovery: { readonly silentTo: string | undefined; readonly ledgerMaxEpoch: number } | undefined;
}

/**
 * Claims a partition in Redis; when Redis has no offset for it but the ledger has ranges (Redis
 * restarted empty, or the key was deleted), re-claims above the ledger's highest epoch and returns
 * the snapshot state, the start offset and the ranges to replay (see planRecovery).
 */
/** The partition's first and next-to-be-written offsets in Kafka (low and high watermarks). */
export type OffsetRangeOf = (ref: PartitionRef) => Promise<{ readonly low: string; readonly high: string }>;

export class PartitionClaimer {
  constructor(
    private readonly store: Pick<RedisCheckpointStore, 'claim'>,
    private readonly ledger: CheckpointLedger | undefined,
    private readonly offsetRange: OffsetRangeOf,
  ) {}

  async claim(ref: PartitionRef): Promise<PartitionClaim> {
    const first = await this.store.claim(ref);
    if (first.offset !== undefined || this.ledger === undefined) return { claim: first, recovery: undefined };
    const point = await this.ledger.recoveryPoint(ref);
    if (point === undefined) return { claim: first, recovery: undefined }; // a truly new partition
    const plan = planRecovery(point);
    const { low, high } = await this.offsetRange(ref);
    if (BigInt(plan.startOffset) < BigInt(low) || BigInt(plan.startOffset) > BigInt(high)) {
      throw new RecoveryOffsetOutOfRangeError(ref, plan.startOffset, low, high);
    }
    const fresh = await this.store.claim(ref, point.maxEpoch);
    return {
      claim: { ...fresh, offset: plan.startOffset, state: plan.state, pending: plan.pending, committedAt: undefined },
      recovery: { silentTo: plan.silentTo, ledgerMaxEpoch: point.maxEpoch },
    };
  }
}
