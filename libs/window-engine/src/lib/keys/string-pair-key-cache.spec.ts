import { StringPairKeyCache } from './string-pair-key-cache';

describe('StringPairKeyCache', () => {
  it('builds first + separator + second and returns the same object for the same pair', () => {
    const cache = new StringPairKeyCache('\u0001');
    const key = cache.key('/pricing', 'FR');
    expect(key).toBe('/pricing\u0001FR');
    expect(cache.key('/pric' + 'ing', 'F' + 'R')).toBe(key);
    expect(cache.key('/pricing', 'DE')).toBe('/pricing\u0001DE');
    expect(cache.key('', '')).toBe('\u0001');
    expect(cache.cachedKeys).toBe(3);
  });

  it('stays bounded: starts over once maxKeys pairs are cached, and keeps answering exactly', () => {
    const cache = new StringPairKeyCache('|', 3);
    for (let i = 0; i < 10; i++) {
      expect(cache.key(`p${i % 4}`, `c${i % 3}`)).toBe(`p${i % 4}|c${i % 3}`);
      expect(cache.cachedKeys).toBeLessThanOrEqual(3);
    }
    cache.clear();
    expect(cache.cachedKeys).toBe(0);
  });

  it('refuses a non-positive bound', () => {
    expect(() => new StringPairKeyCache('|', 0)).toThrow(RangeError);
  });
});
