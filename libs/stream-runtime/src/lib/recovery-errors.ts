import type { PartitionRef } from '@clickstream/checkpoint';

/**
 * The ledger says to resume at an offset Kafka no longer (or never) has: retention removed records
 * the recovery must replay, or the topic was recreated under the same name. Replaying from anywhere
 * else would lose or double-count events, so the partition stays unprocessed until an operator
 * decides (e.g. delete the namespace's ledger rows to start the partition afresh).
 */
export class RecoveryOffsetOutOfRangeError extends Error {
  override readonly name = 'RecoveryOffsetOutOfRangeError';
  constructor(
    readonly partition: PartitionRef,
    readonly startOffset: string,
    readonly low: string,
    readonly high: string,
  ) {
    super(
      `cannot recover ${partition.topic}/${partition.partition} from the ledger: replay must start at offset ${startOffset}, ` +
        `but Kafka holds offsets ${low}..${high}`,
    );
  }
}
