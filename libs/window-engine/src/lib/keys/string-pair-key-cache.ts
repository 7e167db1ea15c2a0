/**
 * Builds composite keys `first + separator + second` and hands back the same string object for
 * the same pair.
 *
 * Why: a key built per event is a fresh cons-string; the engine's Map lookup must flatten it
 * (allocate and copy) and hash it, every event. Looking the pair up in a two-level Map instead
 * only hashes the parts, which are short, and free when the parts are themselves reused strings
 * (V8 caches a string's hash in the string), and the returned key already carries its hash.
 *
 * Exact: the result always equals `first + separator + second`; the cache only changes which
 * string object carries that value. Bounded: once `maxKeys` pairs are cached it starts over
 * (cheaper than LRU bookkeeping on the hot path, and a full refill costs about one concatenation
 * per pair, as without the cache).
 */
export class StringPairKeyCache {
  private readonly byFirst = new Map<string, Map<string, string>>();
  private size = 0;

  constructor(
    readonly separator: string,
    readonly maxKeys = 100_000,
  ) {
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a positive integer, saw ${maxKeys}`);
  }

  /** `first + separator + second`, the same object for the same pair while cached. */
  key(first: string, second: string): string {
    let bySecond = this.byFirst.get(first);
    if (bySecond === undefined) {
      if (this.size >= this.maxKeys) this.clear();
      bySecond = new Map<string, string>();
      this.byFirst.set(first, bySecond);
    }
    let key = bySecond.get(second);
    if (key === undefined) {
      if (this.size >= this.maxKeys) {
        this.clear();
        return this.key(first, second);
      }
      key = first + this.separator + second;
      bySecond.set(second, key);
      this.size++;
    }
    return key;
  }

  /** Number of cached pairs. */
  get cachedKeys(): number {
    return this.size;
  }

  clear(): void {
    this.byFirst.clear();
    this.size = 0;
  }
}
