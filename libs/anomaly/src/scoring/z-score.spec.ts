import { isAnomalousZ, zScore } from './z-score';

describe('zScore', () => {
  it('is (value - mean) / stddev', () => {
    expect(zScore(16, 10, 2)).toBe(3);
    expect(zScore(4, 10, 2)).toBe(-3);
  });

  it('at zero stddev: 0 for the mean itself, ±Infinity otherwise', () => {
    expect(zScore(10, 10, 0)).toBe(0);
    expect(zScore(11, 10, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(zScore(9, 10, 0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('isAnomalousZ', () => {
  it('is inclusive at the threshold', () => {
    expect(isAnomalousZ(3, 3, 'up')).toBe(true);
    expect(isAnomalousZ(2.9999999, 3, 'up')).toBe(false);
  });

  it('ignores drops when direction is up', () => {
    expect(isAnomalousZ(-10, 3, 'up')).toBe(false);
  });

  it('flags drops and spikes when direction is both', () => {
    expect(isAnomalousZ(-3, 3, 'both')).toBe(true);
    expect(isAnomalousZ(3, 3, 'both')).toBe(true);
    expect(isAnomalousZ(-2.5, 3, 'both')).toBe(false);
  });
});
