import { AsciiIdIndex, NOT_INDEXABLE } from './ascii-id-index';

// A module-local copy: imported constants cost a getter per read under tsx (bench:core).
const NOT_INDEXABLE_RESULT: typeof NOT_INDEXABLE = -2;

/** Buffer's native latin1 slicer; not in @types/node, but present since Node 6. */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/**
 * Interns string ids to small integers (0, 1, 2, ...) and maps them back.
 *
 * Why: an exact unique count keeps every distinct id per key and window. Holding them as strings
 * in a Set<string> per key cost ~600 ns per event in the aggregator's benchmark: the fresh string
 * from the decoder is hashed, every probe dereferences a stored string scattered across the heap,
 * and the kept strings are promoted by the GC. One lookup here turns the id into a small integer;
 * accumulators then hold plain integers (no pointers to follow or trace), and each distinct
 * string is kept once, not once per key.
 *
 * `stamp` and `nextEpoch` give accumulators an O(1) "seen in this pass" mark per id without a
 * hash set; see UniqueIds.compact.
 */
export class IdDictionary {
  /** Ids that are not short ASCII (non-ASCII, empty, over MAX_INDEXED_BYTES); rare in practice. */
  private readonly others = new Map<string, number>();
  /** Every short ASCII id, by bytes and by string: one table, no Map entry per id. */
  private readonly ascii = new AsciiIdIndex();
  private readonly strings: string[] = [];
  /** Per id: the epoch of the compaction pass that last saw it. */
  stamp = new Int32Array(1024);
  private epoch = 0;

  /** Number of interned ids. */
  get size(): number {
    return this.strings.length;
  }

  /** The integer for `value`, interning it on first sight. */
  idOf(value: string): number {
    const found = this.ascii.findString(value);
    if (found >= 0) return found;
    if (found === NOT_INDEXABLE_RESULT) {
      const known = this.others.get(value);
      if (known !== undefined) return known;
      const id = this.append(value);
      this.others.set(value, id);
      return id;
    }
    const id = this.append(value);
    this.ascii.remember(id);
    return id;
  }

  /**
   * The integer for the UTF-8 string in `buf[start, end)`, interning it on first sight; equal to
   * `idOf` of the decoded string. For decoders: a known ASCII id costs a byte hash and compare,
   * with no string made.
   */
  idOfBytes(buf: Buffer, start: number, end: number): number {
    const found = this.ascii.find(buf, start, end);
    if (found >= 0) return found;
    if (found === NOT_INDEXABLE_RESULT) return this.idOf(buf.toString('utf8', start, end));
    // ASCII, so latin1 decoding equals UTF-8 decoding; not known by bytes means not known at all.
    const id = this.append((buf as unknown as Latin1Slice).latin1Slice(start, end));
    this.ascii.remember(id);
    return id;
  }

  private append(value: string): number {
    const id = this.strings.length;
    this.strings.push(value);
    if (id >= this.stamp.length) {
      const grown = new Int32Array(this.stamp.length * 2);
      grown.set(this.stamp);
      this.stamp = grown;
    }
    return id;
  }

  /** The string interned as `id`. */
  stringOf(id: number): string {
    return this.strings[id] as string;
  }

  /** A fresh epoch for one compaction pass: no id carries it in `stamp` yet. */
  nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}
