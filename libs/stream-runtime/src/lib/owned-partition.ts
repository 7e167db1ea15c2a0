import type { PartitionRef } from '@clickstream/checkpoint';
import type { DeadLetter } from '@clickstream/kafka';
import type { PartitionPhase } from './partition-progress';
import type { PartitionTask } from './partition-task';

/** Bookkeeping for one partition this process currently owns; its offsets are one PartitionPhase (see partition-progress). */
export class OwnedPartition {
  lastCommitAt: number;
  /** Rejected records since the last cut: published within the next flush, before its commit. */
  letters: DeadLetter[] = [];
  /** When this owner last wrote a durable snapshot; undefined = not yet (the first flush writes one). */
  lastSnapshotAt: number | undefined;

  constructor(
    readonly ref: PartitionRef,
    readonly epoch: number,
    readonly task: PartitionTask,
    public phase: PartitionPhase,
    now: number,
    /** The consumer's group generation when this partition was claimed. */
    readonly generation: number,
  ) {
    this.lastCommitAt = now;
  }

  /** The letters buffered since the last cut; clears the buffer. */
  takeLetters(): DeadLetter[] {
    const letters = this.letters;
    this.letters = [];
    return letters;
  }
}
