import { effectiveWorkerCount, ownerOfPartition } from './partition-ownership';

describe('partition ownership', () => {
  it('gives every partition exactly one owner and spreads them evenly', () => {
    const owners = Array.from({ length: 8 }, (_, p) => ownerOfPartition(p, 3));
    expect(owners).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
  });

  it('starts by default one worker per 50k events/s up to one per CPU, never more than partitions, at least one', () => {
    expect(effectiveWorkerCount(0, 4, 2, 10_000_000)).toBe(2);
    expect(effectiveWorkerCount(0, 4, 2, 100_000)).toBe(2);
    expect(effectiveWorkerCount(0, 4, 8, 120_000)).toBe(3);
    expect(effectiveWorkerCount(0, 4, 2, 10_000)).toBe(1);
    expect(effectiveWorkerCount(0, 1, 8, 10_000_000)).toBe(1);
    expect(effectiveWorkerCount(6, 4, 2, 10)).toBe(4);
    expect(effectiveWorkerCount(3, 12, 2, 10)).toBe(3);
    expect(effectiveWorkerCount(0, 4, 0, 10_000_000)).toBe(1);
  });
});
