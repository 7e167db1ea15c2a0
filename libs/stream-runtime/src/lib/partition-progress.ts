/**
 * The replay rules of one owned partition as one pure state machine: where its offsets stand and
 * what the consumer may do with the next record, a cut or a timer. The consumer holds the phase
 * and applies these functions; nothing here does I/O.
 *
 * Offsets are numbers (Kafka's int64 strings parsed once at the edge; offsets stay far below 2^53).
 * `committed` is where the last checkpoint ends (start of the next flush range), `next` the next
 * offset to process; records in [committed, next) are processed and not yet committed.
 */
export type Offset = number;

export type PartitionPhase =
  /** Never checkpointed: starts at the first record Kafka hands over (earliest for a new group). `replayTo`: a crashed first flush. */
  | { readonly kind: 'unpositioned'; readonly replayTo?: Offset }
  /**
   * A recovery sought the consumer to `committed`: records fetched before the seek are dropped
   * until it arrives; then silent up to `silentTo` and/or a replay up to `replayTo`, if given.
   */
  | { readonly kind: 'seeking'; readonly committed: Offset; readonly silentTo?: Offset; readonly replayTo?: Offset }
  /** Normal processing: cuts fall where the task or the timers want. */
  | { readonly kind: 'live'; readonly committed: Offset; readonly next: Offset }
  /** A crashed flush announced [committed, to): only `to` may cut, so the replay reuses its range and tokens. */
  | { readonly kind: 'replaying'; readonly committed: Offset; readonly next: Offset; readonly to: Offset }
  /** A recovery replays ranges already written up to `to`: state is rebuilt, output discarded; then a replay up to `replayTo`, if given. */
  | { readonly kind: 'silent'; readonly committed: Offset; readonly next: Offset; readonly to: Offset; readonly replayTo?: Offset };

/** The phase right after a claim: from the checkpoint's offset and the announced-but-uncommitted range, if any. */
export function claimedPhase(checkpoint: Offset | undefined, pendingTo: Offset | undefined): PartitionPhase {
  if (checkpoint === undefined) return pendingTo === undefined ? { kind: 'unpositioned' } : { kind: 'unpositioned', replayTo: pendingTo };
  if (pendingTo !== undefined && pendingTo > checkpoint) return { kind: 'replaying', committed: checkpoint, next: checkpoint, to: pendingTo };
  return { kind: 'live', committed: checkpoint, next: checkpoint };
}

/**
 * The phase of a partition restarted from `committed` by a seek (rebuilt from the durable ledger,
 * or from the start after a lost checkpoint): silent up to `silentTo`, then the announced range up
 * to `replayTo`, when given.
 */
export function seekingPhase(committed: Offset, silentTo: Offset | undefined, replayTo: Offset | undefined): PartitionPhase {
  return {
    kind: 'seeking',
    committed,
    ...(silentTo !== undefined && silentTo > committed ? { silentTo } : {}),
    ...(replayTo !== undefined && replayTo > committed ? { replayTo } : {}),
  };
}

/** A live phase at `committed`, or the replay of the announced range up to `replayTo`. */
function liveOrReplaying(committed: Offset, next: Offset, replayTo: Offset | undefined): PartitionPhase {
  return replayTo !== undefined && replayTo > committed ? { kind: 'replaying', committed, next, to: replayTo } : { kind: 'live', committed, next };
}

/** What to do with a fetched record at `offset`. */
export type RecordStep =
  /** Below `next`: already processed (a re-fetch after a seek or rebalance). */
  | { readonly action: 'skip' }
  /** Fetched before a pending seek landed: drop the rest of this batch. */
  | { readonly action: 'stop' }
  /**
   * Process it in `phase`; `flushFirst`: the replay boundary is passed, flush [committed, next)
   * first, then continue in `boundaryPassed` of the phase the flush left.
   */
  | { readonly action: 'process'; readonly flushFirst: boolean; readonly phase: PartitionPhase };

export function onRecord(phase: PartitionPhase, offset: Offset): RecordStep {
  switch (phase.kind) {
    case 'unpositioned':
      // A first flush that crashed may have announced a range that ends before the first record.
      return { action: 'process', flushFirst: false, phase: liveOrReplaying(offset, offset, phase.replayTo !== undefined && phase.replayTo > offset ? phase.replayTo : undefined) };
    case 'seeking': {
      if (offset < phase.committed) return { action: 'skip' };
      if (offset !== phase.committed) return { action: 'stop' };
      const c = phase.committed;
      const landed: PartitionPhase =
        phase.silentTo === undefined
          ? liveOrReplaying(c, c, phase.replayTo)
          : { kind: 'silent', committed: c, next: c, to: phase.silentTo, ...(phase.replayTo === undefined ? {} : { replayTo: phase.replayTo }) };
      return { action: 'process', flushFirst: false, phase: landed };
    }
    case 'replaying':
      if (offset < phase.next) return { action: 'skip' };
      // The range ended before this record (it held fewer records than offsets: compaction,
      // aborted transactions): flush it as announced, then this record starts a live range.
      return { action: 'process', flushFirst: offset >= phase.to, phase };
    case 'live':
    case 'silent':
      return offset < phase.next ? { action: 'skip' } : { action: 'process', flushFirst: false, phase };
  }
}

/** After the flush of a passed replay boundary: live from where it left (also when the range held no records). */
export function boundaryPassed(phase: PartitionPhase): PartitionPhase {
  return phase.kind === 'replaying' ? { kind: 'live', committed: phase.committed, next: phase.next } : phase;
}

/** The phase after processing the record at `offset` (next = offset + 1). */
export function processed(phase: PartitionPhase, offset: Offset): PartitionPhase {
  if (phase.kind === 'unpositioned' || phase.kind === 'seeking') throw new Error(`cannot process in phase ${phase.kind}`);
  return { ...phase, next: offset + 1 };
}

/** What the consumer does after a record: cut (flush), cut silently (discard), or nothing yet. */
export type CutDecision = 'flush' | 'silent-cut' | 'silent-done' | 'none';

/** Asked only where the task's wish counts (not inside a replay). */
export function afterRecord(phase: PartitionPhase, task: { wantsFlush(): boolean }): CutDecision {
  switch (phase.kind) {
    case 'silent':
      if (phase.next >= phase.to) return 'silent-done';
      return task.wantsFlush() ? 'silent-cut' : 'none'; // silent cuts only bound memory
    case 'replaying':
      return phase.next >= phase.to ? 'flush' : 'none';
    case 'live':
      return task.wantsFlush() ? 'flush' : 'none';
    default:
      return 'none';
  }
}

/** The replay of already-written ranges reached its end: what it rebuilt is now committed state; the announced range follows, if any. */
export function silentDone(phase: PartitionPhase): PartitionPhase {
  if (phase.kind !== 'silent') throw new Error(`silentDone in phase ${phase.kind}`);
  return liveOrReplaying(phase.to, phase.next, phase.replayTo);
}

/** The flush of [committed, next) committed: the next range starts at `next`. */
export function flushed(phase: PartitionPhase): PartitionPhase {
  if (phase.kind !== 'live' && phase.kind !== 'replaying') throw new Error(`flushed in phase ${phase.kind}`);
  return { kind: 'live', committed: phase.next, next: phase.next };
}

/** Records are processed and not committed; and (not silent) they may be flushed. */
export function hasUncommitted(phase: PartitionPhase): boolean {
  return (phase.kind === 'live' || phase.kind === 'replaying') && phase.next !== phase.committed;
}

/** A timer may cut only live partitions: inside a replay only its boundary may cut. */
export function timerMayCut(phase: PartitionPhase): boolean {
  return phase.kind === 'live';
}

/** At shutdown: live, or a replay that reached its boundary; mid-replay the next owner replays the same ranges. */
export function stopMayCut(phase: PartitionPhase): boolean {
  return phase.kind === 'live' || (phase.kind === 'replaying' && phase.next >= phase.to);
}

/** Where a re-claim after a lost checkpoint restarts when nothing was ever committed. */
export function committedOffset(phase: PartitionPhase): Offset | undefined {
  return phase.kind === 'unpositioned' ? undefined : phase.committed;
}

/** The range a flush now would cover, as Kafka offset strings. */
export function flushRange(phase: PartitionPhase): { readonly from: string; readonly to: string } {
  if (phase.kind !== 'live' && phase.kind !== 'replaying') throw new Error(`no flush range in phase ${phase.kind}`);
  return { from: String(phase.committed), to: String(phase.next) };
}
