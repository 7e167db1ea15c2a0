import { KeyHistory } from './key-history';

function historyOf(historyLength: number, values: number[]): KeyHistory {
  const history = new KeyHistory(historyLength, 0);
  for (const value of values) history.push(value);
  return history;
}

describe('KeyHistory', () => {
  it('keeps values oldest first, and one spare beyond the baseline length', () => {
    const history = historyOf(3, [1, 2, 3, 4, 5, 6]);
    expect(history.toArray()).toEqual([3, 4, 5, 6]);
    expect(history.baselineSize).toBe(3);
  });

  it('computes mean and sample stddev over the newest historyLength values only', () => {
    const history = historyOf(5, [1000, 8, 12, 8, 12, 10]);
    expect(history.mean()).toBe(10);
    expect(history.sampleStdDev(10)).toBe(2); // squares 16 over n - 1 = 4
  });

  it('reports a short baseline while filling', () => {
    const history = historyOf(30, [4, 6]);
    expect(history.baselineSize).toBe(2);
    expect(history.mean()).toBe(5);
    expect(history.sampleStdDev(5)).toBeCloseTo(Math.SQRT2, 12);
  });

  it('drops the newest value so it can be replaced, restoring the previous baseline exactly', () => {
    const history = historyOf(3, [1, 2, 3, 4]);
    history.dropNewest();
    expect(history.toArray()).toEqual([1, 2, 3]);
    expect(history.mean()).toBe(2);
    history.push(40);
    expect(history.toArray()).toEqual([1, 2, 3, 40]);
  });

  it('wraps around the ring many times without losing order', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    expect(historyOf(4, values).toArray()).toEqual([95, 96, 97, 98, 99]);
  });

  it('ignores dropNewest on an empty history', () => {
    const history = new KeyHistory(3, 0);
    history.dropNewest();
    history.push(7);
    expect(history.toArray()).toEqual([7]);
  });
});
