import {
  afterRecord,
  asksTask,
  boundaryOf,
  boundaryPassed,
  claimedProgress,
  rangeCut,
  flushRange,
  hasUncommitted,
  onBoundary,
  seekingProgress,
  silentDone,
  stopMayCut,
  timerCutDue,
  timerMayCut,
  type PartitionPhase,
  type PartitionProgress,
} from './partition-progress';

const live = (committed: number, next = committed): PartitionProgress => ({ phase: { kind: 'live', committed }, next });
const replaying = (committed: number, next: number, to: number): PartitionProgress => ({ phase: { kind: 'replaying', committed, to }, next });
const silent = (committed: number, next: number, to: number, replayTo?: number): PartitionProgress => ({
  phase: { kind: 'silent', committed, to, ...(replayTo === undefined ? {} : { replayTo }) },
  next,
});
const at = (phase: PartitionPhase, next: number): PartitionProgress => ({ phase, next });

/**
 * The consumer's record loop, as a model over plain values: skip below next, cross boundaries
 * (flushing or discarding where the machine says), process, ask afterRecord only where it can
 * answer something else than 'none'. Returns what happened, in order.
 */
function runRecords(start: PartitionProgress, offsets: readonly number[], wantsFlushAt: ReadonlySet<number> = new Set()): { progress: PartitionProgress; events: string[] } {
  let p = start;
  const events: string[] = [];
  const flush = () => {
    if (hasUncommitted(p)) {
      events.push(`flush ${flushRange(p).from}-${flushRange(p).to}`);
      p = rangeCut(p);
    }
  };
  for (const offset of offsets) {
    if (offset < p.next) {
      events.push(`skip ${offset}`);
      continue;
    }
    let stopped = false;
    while (offset >= boundaryOf(p.phase)) {
      const step = onBoundary(p, offset);
      if (step.action === 'stop') {
        stopped = true;
        break;
      }
      if (step.action === 'start') p = step.progress;
      else if (step.action === 'end-replay') {
        flush();
        p = boundaryPassed(p);
      } else {
        events.push(`discard to ${p.phase.kind === 'silent' ? p.phase.to : '?'}`);
        p = silentDone(p);
      }
    }
    if (stopped) {
      events.push(`stop ${offset}`);
      break;
    }
    events.push(`${p.phase.kind} ${offset}`);
    p = at(p.phase, offset + 1);
    const wants = asksTask(p.phase) && wantsFlushAt.has(offset);
    const decision = afterRecord(p, wants);
    if (decision === 'flush') flush();
    else if (decision === 'silent-done') {
      events.push(`discard to ${p.next}`);
      p = silentDone(p);
    } else if (decision === 'silent-cut') events.push('silent cut');
  }
  return { progress: p, events };
}

describe('partition progress: the replay rules as a pure state machine', () => {
  describe('claimedProgress', () => {
    it('never checkpointed: unpositioned at 0 (skips nothing), with the crashed first flush if any', () => {
      expect(claimedProgress(undefined, undefined)).toEqual(at({ kind: 'unpositioned' }, 0));
      expect(claimedProgress(undefined, 30)).toEqual(at({ kind: 'unpositioned', replayTo: 30 }, 0));
    });
    it('checkpointed: live at the checkpoint, or replaying the announced range', () => {
      expect(claimedProgress(10, undefined)).toEqual(live(10));
      expect(claimedProgress(10, 37)).toEqual(replaying(10, 10, 37));
      expect(claimedProgress(10, 10)).toEqual(live(10));
    });
  });

  describe('seekingProgress', () => {
    it('keeps only bounds beyond the start, and skips below it', () => {
      expect(seekingProgress(5, undefined, undefined)).toEqual(at({ kind: 'seeking', committed: 5 }, 5));
      expect(seekingProgress(5, 5, 5)).toEqual(at({ kind: 'seeking', committed: 5 }, 5));
      expect(seekingProgress(5, 20, 30)).toEqual(at({ kind: 'seeking', committed: 5, silentTo: 20, replayTo: 30 }, 5));
    });
  });

  describe('boundaryOf and asksTask', () => {
    it('live has no boundary; replay and silent end at `to`; unpositioned and seeking ask at every record', () => {
      expect(boundaryOf(live(3).phase)).toBe(Infinity);
      expect(boundaryOf(replaying(0, 0, 9).phase)).toBe(9);
      expect(boundaryOf(silent(0, 0, 7).phase)).toBe(7);
      expect(boundaryOf({ kind: 'unpositioned' })).toBe(-Infinity);
      expect(boundaryOf(seekingProgress(4, undefined, undefined).phase)).toBe(-Infinity);
    });
    it("the task's wish counts live and silent, never inside a replay or before processing starts", () => {
      expect(asksTask(live(0).phase)).toBe(true);
      expect(asksTask(silent(0, 0, 7).phase)).toBe(true);
      expect(asksTask(replaying(0, 0, 9).phase)).toBe(false);
      expect(asksTask({ kind: 'unpositioned' })).toBe(false);
      expect(asksTask(seekingProgress(4, undefined, undefined).phase)).toBe(false);
    });
  });

  describe('onBoundary', () => {
    it('unpositioned: starts at the first record (live, or replaying a range that reaches past it)', () => {
      expect(onBoundary(claimedProgress(undefined, undefined), 7)).toEqual({ action: 'start', progress: live(7) });
      expect(onBoundary(claimedProgress(undefined, 30), 7)).toEqual({ action: 'start', progress: replaying(7, 7, 30) });
      expect(onBoundary(claimedProgress(undefined, 7), 7)).toEqual({ action: 'start', progress: live(7) });
    });

    it('seeking: stops on records fetched before the seek, lands at the sought offset', () => {
      const seeking = seekingProgress(10, undefined, undefined);
      expect(onBoundary(seeking, 11)).toEqual({ action: 'stop' });
      expect(onBoundary(seeking, 10)).toEqual({ action: 'start', progress: live(10) });
    });

    it('seeking lands silent (then replaying), or straight into the replay', () => {
      expect(onBoundary(seekingProgress(10, 20, 30), 10)).toEqual({ action: 'start', progress: silent(10, 10, 20, 30) });
      expect(onBoundary(seekingProgress(10, 20, undefined), 10)).toEqual({ action: 'start', progress: silent(10, 10, 20) });
      expect(onBoundary(seekingProgress(10, undefined, 30), 10)).toEqual({ action: 'start', progress: replaying(10, 10, 30) });
    });

    it('replaying and silent: a record at or past `to` ends the range first', () => {
      expect(onBoundary(replaying(10, 25, 30), 30)).toEqual({ action: 'end-replay' });
      expect(onBoundary(replaying(10, 25, 30), 33)).toEqual({ action: 'end-replay' });
      expect(onBoundary(silent(10, 12, 20), 24)).toEqual({ action: 'end-silent' });
    });

    it('live has no boundary to cross', () => {
      expect(() => onBoundary(live(0), 5)).toThrow(/no boundary/);
    });

    it('boundaryPassed: live from where the replay (or its flush) left', () => {
      expect(boundaryPassed(replaying(10, 10, 30))).toEqual(live(10, 10));
      expect(boundaryPassed(live(25, 25))).toEqual(live(25, 25));
    });
  });

  describe('afterRecord', () => {
    it('live: cuts where the task wants', () => {
      expect(afterRecord(live(0, 5), true)).toBe('flush');
      expect(afterRecord(live(0, 5), false)).toBe('none');
    });
    it('replaying: cuts only at the boundary, whatever the task wants', () => {
      expect(afterRecord(replaying(0, 5, 9), true)).toBe('none');
      expect(afterRecord(replaying(0, 9, 9), false)).toBe('flush');
    });
    it('silent: discards output to bound memory, and ends at its boundary', () => {
      expect(afterRecord(silent(0, 5, 9), false)).toBe('none');
      expect(afterRecord(silent(0, 5, 9), true)).toBe('silent-cut');
      expect(afterRecord(silent(0, 9, 9), false)).toBe('silent-done');
      expect(afterRecord(silent(0, 9, 9), true)).toBe('silent-done');
    });
    it('never cuts before processing starts', () => {
      expect(afterRecord(claimedProgress(undefined, undefined), true)).toBe('none');
      expect(afterRecord(seekingProgress(1, undefined, undefined), true)).toBe('none');
    });
    it("is 'none' whenever next lies below the boundary and the task does not want a cut (the consumer's fast path)", () => {
      const phases: PartitionProgress[] = [live(0, 5), replaying(0, 5, 9), silent(0, 5, 9), claimedProgress(undefined, 3), seekingProgress(2, 4, 6)];
      for (const p of phases) {
        for (let next = 0; next < 12; next++) {
          const q = at(p.phase, next);
          if (next < boundaryOf(q.phase)) expect(afterRecord(q, false)).toBe('none');
        }
      }
    });
  });

  describe('silentDone and rangeCut', () => {
    it('silentDone commits the silent range at `to` and continues live or into the announced replay', () => {
      expect(silentDone(silent(0, 9, 9))).toEqual(live(9, 9));
      expect(silentDone(silent(0, 9, 9, 15))).toEqual(replaying(9, 9, 15));
      // Ended by a record past `to` (the range's last offsets are gone): next moves to `to`.
      expect(silentDone(silent(0, 6, 9))).toEqual(live(9, 9));
      expect(() => silentDone(live(0))).toThrow();
    });
    it('rangeCut starts the next range at next, live', () => {
      expect(rangeCut(live(0, 9))).toEqual(live(9));
      expect(rangeCut(replaying(0, 9, 9))).toEqual(live(9));
      expect(() => rangeCut(silent(0, 9, 12))).toThrow();
    });
  });

  describe('queries', () => {
    it('hasUncommitted: processed, not committed, and not silent', () => {
      expect(hasUncommitted(live(0, 0))).toBe(false);
      expect(hasUncommitted(live(0, 1))).toBe(true);
      expect(hasUncommitted(replaying(0, 1, 5))).toBe(true);
      expect(hasUncommitted(silent(0, 1, 5))).toBe(false);
      expect(hasUncommitted(claimedProgress(undefined, undefined))).toBe(false);
      expect(hasUncommitted(seekingProgress(3, undefined, undefined))).toBe(false);
    });
    it('timers cut live partitions only; a stop also cuts a replay that reached its boundary', () => {
      expect(timerMayCut(live(0, 1).phase)).toBe(true);
      expect(timerMayCut(replaying(0, 5, 5).phase)).toBe(false);
      expect(stopMayCut(replaying(0, 5, 5))).toBe(true);
      expect(stopMayCut(replaying(0, 4, 5))).toBe(false);
      expect(stopMayCut(silent(0, 4, 5))).toBe(false);
      expect(stopMayCut(live(0, 4))).toBe(true);
    });
    it('flushRange', () => {
      expect(flushRange(live(4, 9))).toEqual({ from: '4', to: '9' });
      expect(flushRange(replaying(4, 9, 9))).toEqual({ from: '4', to: '9' });
      expect(() => flushRange(claimedProgress(undefined, undefined))).toThrow();
    });
  });

  describe('record sequences through the consumer loop', () => {
    it('a first claim starts at the first record and cuts where the task wants', () => {
      const { progress, events } = runRecords(claimedProgress(undefined, undefined), [3, 4, 5, 6], new Set([4]));
      expect(events).toEqual(['live 3', 'live 4', 'flush 3-5', 'live 5', 'live 6']);
      expect(progress).toEqual(live(5, 7));
    });

    it('a re-fetch after a rebalance skips what was processed', () => {
      expect(runRecords(live(10, 12), [10, 11, 12]).events).toEqual(['skip 10', 'skip 11', 'live 12']);
    });

    it('a crashed flush is replayed with its range, ignoring the task, then goes live', () => {
      const { progress, events } = runRecords(claimedProgress(10, 13), [10, 11, 12, 13], new Set([10, 11, 12, 13]));
      expect(events).toEqual(['replaying 10', 'replaying 11', 'replaying 12', 'flush 10-13', 'live 13', 'flush 13-14']);
      expect(progress).toEqual(live(14));
    });

    it('a replay range missing its last offsets is flushed when a record past it arrives', () => {
      const { events } = runRecords(claimedProgress(10, 15), [10, 11, 17]);
      expect(events).toEqual(['replaying 10', 'replaying 11', 'flush 10-12', 'live 17']);
    });

    it('a first flush that crashed is replayed from the first record', () => {
      const { events } = runRecords(claimedProgress(undefined, 2), [0, 1, 2]);
      expect(events).toEqual(['replaying 0', 'replaying 1', 'flush 0-2', 'live 2']);
    });

    it('a recovery drops records fetched before its seek', () => {
      expect(runRecords(seekingProgress(5, undefined, undefined), [3, 7, 8]).events).toEqual(['skip 3', 'stop 7']);
    });

    it('a recovery lands silent, discards rebuilt output, replays the announced range, then goes live', () => {
      const { progress, events } = runRecords(seekingProgress(0, 3, 5), [0, 1, 2, 3, 4, 5], new Set([1, 5]));
      expect(events).toEqual(['silent 0', 'silent 1', 'silent cut', 'silent 2', 'discard to 3', 'replaying 3', 'replaying 4', 'flush 3-5', 'live 5', 'flush 5-6']);
      expect(progress).toEqual(live(6));
    });

    it('a silent range missing its last offsets ends before the record past it, which is processed live', () => {
      const { progress, events } = runRecords(seekingProgress(0, 4, undefined), [0, 1, 6]);
      expect(events).toEqual(['silent 0', 'silent 1', 'discard to 4', 'live 6']);
      expect(progress).toEqual(live(4, 7));
      expect(flushRange(progress)).toEqual({ from: '4', to: '7' });
    });

    it('a silent range can end straight into a replay that a later record also passes', () => {
      const { events } = runRecords(seekingProgress(0, 2, 4), [0, 9]);
      expect(events).toEqual(['silent 0', 'discard to 2', 'live 9']);
    });
  });
});

describe('timerCutDue', () => {
  const limits = { checkpointIntervalMs: 30_000, maxFlushDelayMs: 500 };
  it('cuts at the checkpoint interval with records uncommitted, and at the flush delay with output (rows or dead letters) waiting', () => {
    expect(timerCutDue({ uncommitted: true, hasOutput: false, sinceCommitMs: 29_999 }, limits)).toBe(false);
    expect(timerCutDue({ uncommitted: true, hasOutput: false, sinceCommitMs: 30_000 }, limits)).toBe(true);
    expect(timerCutDue({ uncommitted: true, hasOutput: true, sinceCommitMs: 499 }, limits)).toBe(false);
    expect(timerCutDue({ uncommitted: true, hasOutput: true, sinceCommitMs: 500 }, limits)).toBe(true);
    expect(timerCutDue({ uncommitted: false, hasOutput: false, sinceCommitMs: 3_600_000 }, limits)).toBe(false);
  });
});
