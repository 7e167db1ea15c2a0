import { levelName, sweepLevels } from './sweep-levels';

describe('sweepLevels', () => {
  it('scales the producer defaults to 1x, 10x and 100x (issue 14)', () => {
    expect(sweepLevels()).toEqual([
      { factor: 1, pages: 200, users: 50_000 },
      { factor: 10, pages: 2_000, users: 500_000 },
      { factor: 100, pages: 20_000, users: 5_000_000 },
    ]);
  });

  it('orders the levels ascending so the first is the reference of the ratios', () => {
    expect(sweepLevels([100, 1], { pages: 8, users: 3 }).map((l) => [l.factor, l.pages, l.users])).toEqual([[1, 8, 3], [100, 800, 300]]);
  });

  it('refuses factors that are not distinct positive whole numbers', () => {
    expect(() => sweepLevels([1, 0])).toThrow('positive whole numbers (got 0)');
    expect(() => sweepLevels([1.5])).toThrow('positive whole numbers');
    expect(() => sweepLevels([10, 10])).toThrow('must differ');
  });

  it('names a level by its factor, pages and users', () => {
    expect(levelName({ factor: 10, pages: 2_000, users: 500_000 })).toBe('10x (2,000 pages, 500,000 users)');
  });
});
