import { planRecovery } from './recovery-plan';

const point = (snapshot?: { offset: string; state: string }) => ({
  lastRange: { fromOffset: '500', toOffset: '640' },
  firstOffset: '0',
  maxEpoch: 4,
  snapshot,
});

describe('planRecovery', () => {
  it('restores the snapshot, replays up to the last range silently, then the range as pending', () => {
    expect(planRecovery(point({ offset: '300', state: 's300' }))).toEqual({
      startOffset: '300',
      state: 's300',
      silentTo: '500',
      pending: { fromOffset: '500', toOffset: '640' },
    });
  });

  it('replays from the first recorded offset with empty state when there is no snapshot', () => {
    expect(planRecovery(point())).toEqual({ startOffset: '0', state: undefined, silentTo: '500', pending: { fromOffset: '500', toOffset: '640' } });
  });

  it('has nothing to replay silently when the snapshot sits at the start of the last range', () => {
    expect(planRecovery(point({ offset: '500', state: 's' }))).toMatchObject({ startOffset: '500', silentTo: undefined, pending: { fromOffset: '500' } });
  });

  it('resumes after the last range when a snapshot proves it was fully written', () => {
    expect(planRecovery(point({ offset: '640', state: 's640' }))).toEqual({ startOffset: '640', state: 's640', silentTo: undefined, pending: undefined });
  });

  it('rejects a snapshot inside the last range (the ledger contradicts itself)', () => {
    expect(() => planRecovery(point({ offset: '600', state: 's' }))).toThrow(RangeError);
  });
});
