import { effectiveWorkerCount, ownerOfPartition } from './partition-ownership';

describe('partition ownership', () => {
  it('gives every partition exactly one owner and spreads them evenly', () => {
    const owners = Array.from({ length: 8 }, (_, p) => ownerOfPartition(p, 3));
    expect(owners).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
  });

  it('starts one worker per CPU by default, never more than partitions, at least one', () => {
    expect(effectiveWorkerCount(0, 4, 2)).toBe(2);
    expect(effectiveWorkerCount(0, 1, 8)).toBe(1);
    expect(effectiveWorkerCount(6, 4, 2)).toBe(4);
    expect(effectiveWorkerCount(3, 12, 2)).toBe(3);
    expect(effectiveWorkerCount(0, 4, 0)).toBe(1);
  });
});
