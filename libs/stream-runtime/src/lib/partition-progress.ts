/**
 * The replay rules of one owned partition as one pure state machine: where its offsets stand and
 * what the consumer may do with the next record, a cut or a timer. The consumer holds the progress
 * and applies these functions; nothing here does I/O.
 *
 * Offsets are numbers (Kafka's int64 strings parsed once at the edge; offsets stay far below 2^53).
 * A partition's progress is an immutable phase plus `next`, the next offset to process, which the
 * consumer keeps as a mutable counter: processing the record at `offset` only sets next = offset + 1.
 * That is the one per-record transition, and it never changes the phase. Everything else (a range
 * boundary, a cut, a seek landing) is a transition here that returns a new progress.
 *
 * `committed` is where the last checkpoint ends (start of the next flush range); records in
 * [committed, next) are processed and not yet committed.
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
  | { readonly kind: 'live'; readonly committed: Offset }
  /** A crashed flush announced [committed, to): only `to` may cut, so the replay reuses its range and tokens. */
  | { readonly kind: 'replaying'; readonly committed: Offset; readonly to: Offset }
  /** A recovery replays ranges already written up to `to`: state is rebuilt, output discarded; then a replay up to `replayTo`, if given. */
  | { readonly kind: 'silent'; readonly committed: Offset; readonly to: Offset; readonly replayTo?: Offset };

/** A phase and the next offset to process (records below it are skipped: already processed). */
export interface PartitionProgress {
  readonly phase: PartitionPhase;
  readonly next: Offset;
}

/** The progress right after a claim: from the checkpoint's offset and the announced-but-uncommitted range, if any. */
export function claimedProgress(checkpoint: Offset | undefined, pendingTo: Offset | undefined): PartitionProgress {
  // Unpositioned: Kafka offsets start at 0, so next = 0 skips nothing.
  if (checkpoint === undefined) return { phase: pendingTo === undefined ? { kind: 'unpositioned' } : { kind: 'unpositioned', replayTo: pendingTo }, next: 0 };
  if (pendingTo !== undefined && pendingTo > checkpoint) return { phase: { kind: 'replaying', committed: checkpoint, to: pendingTo }, next: checkpoint };
  return { phase: { kind: 'live', committed: checkpoint }, next: checkpoint };
}

/**
 * The progress of a partition restarted from `committed` by a seek (rebuilt from the durable ledger,
 * or from the start after a lost checkpoint): silent up to `silentTo`, then the announced range up
 * to `replayTo`, when given. Records below `committed` are skipped.
 */
export function seekingProgress(committed: Offset, silentTo: Offset | undefined, replayTo: Offset | undefined): PartitionProgress {
  const phase: PartitionPhase = {
    kind: 'seeking',
    committed,
    ...(silentTo !== undefined && silentTo > committed ? { silentTo } : {}),
    ...(replayTo !== undefined && replayTo > committed ? { replayTo } : {}),
  };
  return { phase, next: committed };
}

/** A live phase at `committed`, or the replay of the announced range up to `replayTo`. */
function liveOrReplaying(committed: Offset, replayTo: Offset | undefined): PartitionPhase {
  return replayTo !== undefined && replayTo > committed ? { kind: 'replaying', committed, to: replayTo } : { kind: 'live', committed };
}

/**
 * The first offset the phase cannot process without asking `onBoundary` first. A record at
 * `offset` with next <= offset < boundaryOf(phase) is simply processed (next = offset + 1): a batch
 * that lies wholly inside a live range needs no per-record decision.
 */
export function boundaryOf(phase: PartitionPhase): Offset {
  switch (phase.kind) {
    case 'live':
      return Infinity;
    case 'replaying':
    case 'silent':
      return phase.to;
    default:
      return -Infinity; // unpositioned, seeking: every record asks
  }
}

/** What to do with a fetched record at `offset` >= next and >= boundaryOf(phase), before processing it. */
export type BoundaryStep =
  /** Fetched before a pending seek landed: drop the rest of this batch. */
  | { readonly action: 'stop' }
  /** Processing starts here (first record, or the sought offset arrived): continue in `progress`. */
  | { readonly action: 'start'; readonly progress: PartitionProgress }
  /**
   * The announced range ended before this record (it held fewer records than offsets: compaction,
   * aborted transactions): cut [committed, next) and flush it as announced, then `boundaryPassed`.
   */
  | { readonly action: 'end-replay' }
  /** The silent range ended before this record: discard the output, then `silentDone`. */
  | { readonly action: 'end-silent' };

const STOP: BoundaryStep = Object.freeze({ action: 'stop' });
const END_REPLAY: BoundaryStep = Object.freeze({ action: 'end-replay' });
const END_SILENT: BoundaryStep = Object.freeze({ action: 'end-silent' });

/**
 * After applying the step the consumer asks again with the new progress until the record lies
 * below the boundary (each step moves to a phase with a later boundary, or stops).
 */
export function onBoundary(progress: PartitionProgress, offset: Offset): BoundaryStep {
  const { phase } = progress;
  switch (phase.kind) {
    case 'unpositioned':
      // A first flush that crashed may have announced a range that ends before the first record.
      return { action: 'start', progress: { phase: liveOrReplaying(offset, phase.replayTo), next: offset } };
    case 'seeking': {
      if (offset !== phase.committed) return STOP; // below committed was skipped (next = committed)
      const c = phase.committed;
      const landed: PartitionPhase =
        phase.silentTo === undefined
          ? liveOrReplaying(c, phase.replayTo)
          : { kind: 'silent', committed: c, to: phase.silentTo, ...(phase.replayTo === undefined ? {} : { replayTo: phase.replayTo }) };
      return { action: 'start', progress: { phase: landed, next: c } };
    }
    case 'replaying':
      return END_REPLAY;
    case 'silent':
      return END_SILENT;
    case 'live':
      throw new Error('a live range has no boundary');
  }
}

/** After the cut of a passed replay boundary: live from where it left (also when the range held no records, and nothing was cut). */
export function boundaryPassed(progress: PartitionProgress): PartitionProgress {
  const { phase } = progress;
  return phase.kind === 'replaying' ? { phase: { kind: 'live', committed: phase.committed }, next: progress.next } : progress;
}

/** Whether the task's wish to flush counts after a record: not inside a replay, where only its boundary cuts. */
export function asksTask(phase: PartitionPhase): boolean {
  return phase.kind === 'live' || phase.kind === 'silent';
}

/** What the consumer does after a record: cut (flush), cut silently (discard), or nothing yet. */
export type CutDecision = 'flush' | 'silent-cut' | 'silent-done' | 'none';

/**
 * After a record, with next = its offset + 1. `taskWantsFlush` is read only where asksTask(phase).
 * Always 'none' when next < boundaryOf(phase) and the task does not want to flush: the consumer
 * asks only when one of the two holds.
 */
export function afterRecord(progress: PartitionProgress, taskWantsFlush: boolean): CutDecision {
  const { phase, next } = progress;
  switch (phase.kind) {
    case 'silent':
      if (next >= phase.to) return 'silent-done';
      return taskWantsFlush ? 'silent-cut' : 'none'; // silent cuts only bound memory
    case 'replaying':
      return next >= phase.to ? 'flush' : 'none';
    case 'live':
      return taskWantsFlush ? 'flush' : 'none';
    default:
      return 'none';
  }
}

/**
 * The replay of already-written ranges reached its end (its last record, or a record past it): what
 * it rebuilt is now committed state at `to`; the announced range follows, if any.
 */
export function silentDone(progress: PartitionProgress): PartitionProgress {
  const { phase } = progress;
  if (phase.kind !== 'silent') throw new Error(`silentDone in phase ${phase.kind}`);
  // next <= to: a record at or past `to` ends the phase before it is processed.
  return { phase: liveOrReplaying(phase.to, phase.replayTo), next: phase.to };
}

/**
 * [committed, next) was cut and handed to its flush: the next range starts at `next`, live. The
 * flush lands in the background while later records are processed; if it fails, the partition is
 * dropped (its next owner replays from the last checkpoint), so nothing here waits for it. A
 * partition has at most one flush in flight: the next cut waits for it (see the consumer).
 */
export function rangeCut(progress: PartitionProgress): PartitionProgress {
  const { phase, next } = progress;
  if (phase.kind !== 'live' && phase.kind !== 'replaying') throw new Error(`rangeCut in phase ${phase.kind}`);
  return { phase: { kind: 'live', committed: next }, next };
}

/** Records are processed and not committed; and (not silent) they may be flushed. */
export function hasUncommitted(progress: PartitionProgress): boolean {
  const { phase } = progress;
  return (phase.kind === 'live' || phase.kind === 'replaying') && progress.next !== phase.committed;
}

/** A timer may cut only live partitions: inside a replay only its boundary may cut. */
export function timerMayCut(phase: PartitionPhase): boolean {
  return phase.kind === 'live';
}

/** What the timer weighs for one partition it may cut (timerMayCut) with no flush in flight. */
export interface TimerCutInput {
  readonly uncommitted: boolean;
  /** Rows buffered in the task (PartitionTask.hasOutput) or dead letters waiting. */
  readonly hasOutput: boolean;
  readonly sinceCommitMs: number;
}

/**
 * Whether the timer cuts now: the checkpoint interval has passed with records uncommitted, or
 * buffered output (rows or dead letters) has waited the flush delay since the last commit.
 */
export function timerCutDue(input: TimerCutInput, limits: { readonly checkpointIntervalMs: number; readonly maxFlushDelayMs: number }): boolean {
  return (input.uncommitted && input.sinceCommitMs >= limits.checkpointIntervalMs) || (input.hasOutput && input.sinceCommitMs >= limits.maxFlushDelayMs);
}

/** At shutdown: live, or a replay that reached its boundary; mid-replay the next owner replays the same ranges. */
export function stopMayCut(progress: PartitionProgress): boolean {
  const { phase } = progress;
  return phase.kind === 'live' || (phase.kind === 'replaying' && progress.next >= phase.to);
}

/** The range a flush now would cover, as Kafka offset strings. */
export function flushRange(progress: PartitionProgress): { readonly from: string; readonly to: string } {
  const { phase } = progress;
  if (phase.kind !== 'live' && phase.kind !== 'replaying') throw new Error(`no flush range in phase ${phase.kind}`);
  return { from: String(phase.committed), to: String(progress.next) };
}
