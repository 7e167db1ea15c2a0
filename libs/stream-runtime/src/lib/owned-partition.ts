import type { PartitionRef } from '@clickstream/checkpoint';
import type { DeadLetter } from '@clickstream/kafka';
import type { PartitionTask } from './partition-task';

/** Bookkeeping for one partition this process currently owns. */
export class OwnedPartition {
  /** Offset the last commit reached (start of the next flush range); undefined until known. */
  committedOffset: number | undefined;
  /** Next offset to process; undefined before the first record of a never-checkpointed partition. */
  nextOffset: number | undefined;
  /** Replay boundary left by a crashed flush: cut exactly here, with the original range. */
  pendingTo: number | undefined;
  lastCommitAt: number;
  /** Recovery: records before this offset were already written; process them, discard their output. */
  silentTo: number | undefined;
  /** Recovery sought the consumer to nextOffset: ignore records beyond it until the seek lands. */
  awaitingSeek = false;
  /** Rejected records since the last cut: published within the next flush, before its commit. */
  letters: DeadLetter[] = [];
  /** When this owner last wrote a durable snapshot; undefined = not yet (the first flush writes one). */
  lastSnapshotAt: number | undefined;

  constructor(
    readonly ref: PartitionRef,
    readonly epoch: number,
    readonly task: PartitionTask,
    checkpointOffset: string | undefined,
    pendingTo: string | undefined,
    now: number,
  ) {
    this.committedOffset = checkpointOffset === undefined ? undefined : Number(checkpointOffset);
    this.nextOffset = this.committedOffset;
    this.pendingTo = pendingTo === undefined ? undefined : Number(pendingTo);
    this.lastCommitAt = now;
  }

  /** The letters buffered since the last cut; clears the buffer. */
  takeLetters(): DeadLetter[] {
    const letters = this.letters;
    this.letters = [];
    return letters;
  }

  /** Records (committed, next] are processed but not yet committed. */
  get hasUncommitted(): boolean {
    return this.nextOffset !== undefined && this.nextOffset !== this.committedOffset;
  }
}
