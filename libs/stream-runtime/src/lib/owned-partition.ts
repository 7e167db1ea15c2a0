import type { PartitionRef } from '@clickstream/checkpoint';
import type { DeadLetter } from '@clickstream/kafka';
import type { Offset, PartitionPhase, PartitionProgress } from './partition-progress';
import type { PartitionTask } from './partition-task';

/**
 * Bookkeeping for one partition this process currently owns. Its offsets are a PartitionProgress
 * (see partition-progress): an immutable phase, replaced at transitions, and `next`, advanced per record.
 */
export class OwnedPartition implements PartitionProgress {
  phase: PartitionPhase;
  next: Offset;
  lastCommitAt: number;
  /** Rejected records since the last cut: published within the next flush, before its commit. */
  letters: DeadLetter[] = [];
  /** Its flush in flight (settles, never rejects); ranges are flushed one at a time, in order. */
  inflight: Promise<void> | undefined;
  /** Paused in kafkajs until `inflight` settles, with the rest of a batch unresolved (see the consumer). */
  paused = false;
  /** When this owner last wrote a durable snapshot; undefined = not yet (the first flush writes one). */
  lastSnapshotAt: number | undefined;

  constructor(
    readonly ref: PartitionRef,
    readonly epoch: number,
    readonly task: PartitionTask,
    progress: PartitionProgress,
    now: number,
    /** The consumer's group generation when this partition was claimed. */
    readonly generation: number,
  ) {
    this.phase = progress.phase;
    this.next = progress.next;
    this.lastCommitAt = now;
  }

  /** Applies a transition of partition-progress. */
  moveTo(progress: PartitionProgress): void {
    this.phase = progress.phase;
    this.next = progress.next;
  }

  /** The letters buffered since the last cut; clears the buffer. */
  takeLetters(): DeadLetter[] {
    const letters = this.letters;
    this.letters = [];
    return letters;
  }
}
