import {
  afterRecord,
  boundaryPassed,
  claimedPhase,
  committedOffset,
  flushed,
  flushRange,
  hasUncommitted,
  onRecord,
  processed,
  seekingPhase,
  silentDone,
  stopMayCut,
  timerMayCut,
  type PartitionPhase,
} from './partition-progress';

const live = (committed: number, next = committed): PartitionPhase => ({ kind: 'live', committed, next });

describe('partition progress: the replay rules as a pure state machine', () => {
  describe('claimedPhase', () => {
    it('never checkpointed: unpositioned, with the crashed first flush if any', () => {
      expect(claimedPhase(undefined, undefined)).toEqual({ kind: 'unpositioned' });
      expect(claimedPhase(undefined, 30)).toEqual({ kind: 'unpositioned', replayTo: 30 });
    });
    it('checkpointed: live at the checkpoint, or replaying the announced range', () => {
      expect(claimedPhase(10, undefined)).toEqual(live(10));
      expect(claimedPhase(10, 37)).toEqual({ kind: 'replaying', committed: 10, next: 10, to: 37 });
      expect(claimedPhase(10, 10)).toEqual(live(10));
    });
  });

  describe('seekingPhase', () => {
    it('keeps only bounds beyond the start', () => {
      expect(seekingPhase(5, undefined, undefined)).toEqual({ kind: 'seeking', committed: 5 });
      expect(seekingPhase(5, 5, 5)).toEqual({ kind: 'seeking', committed: 5 });
      expect(seekingPhase(5, 20, 30)).toEqual({ kind: 'seeking', committed: 5, silentTo: 20, replayTo: 30 });
    });
  });

  describe('onRecord', () => {
    it('unpositioned: starts at the first record (live, or replaying a range that reaches past it)', () => {
      expect(onRecord({ kind: 'unpositioned' }, 7)).toEqual({ action: 'process', flushFirst: false, phase: live(7) });
      expect(onRecord({ kind: 'unpositioned', replayTo: 30 }, 7)).toEqual({ action: 'process', flushFirst: false, phase: { kind: 'replaying', committed: 7, next: 7, to: 30 } });
      expect(onRecord({ kind: 'unpositioned', replayTo: 7 }, 7)).toEqual({ action: 'process', flushFirst: false, phase: live(7) });
    });

    it('seeking: skips below, stops on records fetched before the seek, lands at the sought offset', () => {
      const seeking = seekingPhase(10, undefined, undefined);
      expect(onRecord(seeking, 9)).toEqual({ action: 'skip' });
      expect(onRecord(seeking, 11)).toEqual({ action: 'stop' });
      expect(onRecord(seeking, 10)).toEqual({ action: 'process', flushFirst: false, phase: live(10) });
    });

    it('seeking lands silent (then replaying), or straight into the replay', () => {
      expect(onRecord(seekingPhase(10, 20, 30), 10)).toEqual({ action: 'process', flushFirst: false, phase: { kind: 'silent', committed: 10, next: 10, to: 20, replayTo: 30 } });
      expect(onRecord(seekingPhase(10, 20, undefined), 10)).toEqual({ action: 'process', flushFirst: false, phase: { kind: 'silent', committed: 10, next: 10, to: 20 } });
      expect(onRecord(seekingPhase(10, undefined, 30), 10)).toEqual({ action: 'process', flushFirst: false, phase: { kind: 'replaying', committed: 10, next: 10, to: 30 } });
    });

    it('live and silent: skip what is below next, process the rest', () => {
      expect(onRecord(live(10, 15), 14)).toEqual({ action: 'skip' });
      expect(onRecord(live(10, 15), 15)).toEqual({ action: 'process', flushFirst: false, phase: live(10, 15) });
      const silent: PartitionPhase = { kind: 'silent', committed: 10, next: 12, to: 20 };
      expect(onRecord(silent, 11)).toEqual({ action: 'skip' });
      expect(onRecord(silent, 13)).toEqual({ action: 'process', flushFirst: false, phase: silent });
    });

    it('replaying: a record at or past the boundary flushes the range first (gaps in offsets), then goes live', () => {
      const replaying: PartitionPhase = { kind: 'replaying', committed: 10, next: 25, to: 30 };
      expect(onRecord(replaying, 20)).toEqual({ action: 'skip' });
      expect(onRecord(replaying, 26)).toEqual({ action: 'process', flushFirst: false, phase: replaying });
      expect(onRecord(replaying, 33)).toEqual({ action: 'process', flushFirst: true, phase: replaying });
      expect(onRecord(replaying, 30)).toEqual({ action: 'process', flushFirst: true, phase: replaying });
    });

    it('boundaryPassed: live from where the replay (or its flush) left', () => {
      expect(boundaryPassed({ kind: 'replaying', committed: 10, next: 10, to: 30 })).toEqual(live(10, 10));
      expect(boundaryPassed(live(25, 25))).toEqual(live(25, 25));
    });
  });

  describe('processed', () => {
    it('moves next past the record, in every processing phase', () => {
      expect(processed(live(10, 10), 10)).toEqual(live(10, 11));
      expect(processed({ kind: 'silent', committed: 0, next: 3, to: 9 }, 5)).toEqual({ kind: 'silent', committed: 0, next: 6, to: 9 });
      expect(processed({ kind: 'replaying', committed: 0, next: 3, to: 9 }, 3)).toEqual({ kind: 'replaying', committed: 0, next: 4, to: 9 });
    });
    it('refuses phases that cannot process', () => {
      expect(() => processed({ kind: 'unpositioned' }, 1)).toThrow(/unpositioned/);
      expect(() => processed(seekingPhase(1, undefined, undefined), 1)).toThrow(/seeking/);
    });
  });

  describe('afterRecord', () => {
    const wants = (w: boolean) => ({ wantsFlush: () => w });
    it('live: cuts where the task wants', () => {
      expect(afterRecord(live(0, 5), wants(true))).toBe('flush');
      expect(afterRecord(live(0, 5), wants(false))).toBe('none');
    });
    it('replaying: cuts only at the boundary, and does not even ask the task', () => {
      const asked = jest.fn(() => true);
      expect(afterRecord({ kind: 'replaying', committed: 0, next: 5, to: 9 }, { wantsFlush: asked })).toBe('none');
      expect(asked).not.toHaveBeenCalled();
      expect(afterRecord({ kind: 'replaying', committed: 0, next: 5, to: 9 }, wants(true))).toBe('none');
      expect(afterRecord({ kind: 'replaying', committed: 0, next: 9, to: 9 }, wants(false))).toBe('flush');
    });
    it('silent: discards output to bound memory, and ends at its boundary', () => {
      expect(afterRecord({ kind: 'silent', committed: 0, next: 5, to: 9 }, wants(false))).toBe('none');
      expect(afterRecord({ kind: 'silent', committed: 0, next: 5, to: 9 }, wants(true))).toBe('silent-cut');
      expect(afterRecord({ kind: 'silent', committed: 0, next: 9, to: 9 }, wants(false))).toBe('silent-done');
    });
    it('never cuts before processing starts', () => {
      expect(afterRecord({ kind: 'unpositioned' }, wants(true))).toBe('none');
      expect(afterRecord(seekingPhase(1, undefined, undefined), wants(true))).toBe('none');
    });
  });

  describe('silentDone and flushed', () => {
    it('silentDone commits the silent range and continues live or into the announced replay', () => {
      expect(silentDone({ kind: 'silent', committed: 0, next: 9, to: 9 })).toEqual(live(9, 9));
      expect(silentDone({ kind: 'silent', committed: 0, next: 9, to: 9, replayTo: 15 })).toEqual({ kind: 'replaying', committed: 9, next: 9, to: 15 });
      expect(() => silentDone(live(0))).toThrow();
    });
    it('flushed starts the next range at next, live', () => {
      expect(flushed(live(0, 9))).toEqual(live(9));
      expect(flushed({ kind: 'replaying', committed: 0, next: 9, to: 9 })).toEqual(live(9));
      expect(() => flushed({ kind: 'silent', committed: 0, next: 9, to: 12 })).toThrow();
    });
  });

  describe('queries', () => {
    it('hasUncommitted: processed, not committed, and not silent', () => {
      expect(hasUncommitted(live(0, 0))).toBe(false);
      expect(hasUncommitted(live(0, 1))).toBe(true);
      expect(hasUncommitted({ kind: 'replaying', committed: 0, next: 1, to: 5 })).toBe(true);
      expect(hasUncommitted({ kind: 'silent', committed: 0, next: 1, to: 5 })).toBe(false);
      expect(hasUncommitted({ kind: 'unpositioned' })).toBe(false);
      expect(hasUncommitted(seekingPhase(3, undefined, undefined))).toBe(false);
    });
    it('timers cut live partitions only; a stop also cuts a replay that reached its boundary', () => {
      expect(timerMayCut(live(0, 1))).toBe(true);
      expect(timerMayCut({ kind: 'replaying', committed: 0, next: 5, to: 5 })).toBe(false);
      expect(stopMayCut({ kind: 'replaying', committed: 0, next: 5, to: 5 })).toBe(true);
      expect(stopMayCut({ kind: 'replaying', committed: 0, next: 4, to: 5 })).toBe(false);
      expect(stopMayCut({ kind: 'silent', committed: 0, next: 4, to: 5 })).toBe(false);
      expect(stopMayCut(live(0, 4))).toBe(true);
    });
    it('committedOffset and flushRange', () => {
      expect(committedOffset({ kind: 'unpositioned' })).toBeUndefined();
      expect(committedOffset(seekingPhase(4, undefined, undefined))).toBe(4);
      expect(flushRange(live(4, 9))).toEqual({ from: '4', to: '9' });
      expect(() => flushRange({ kind: 'unpositioned' })).toThrow();
    });
  });
});
