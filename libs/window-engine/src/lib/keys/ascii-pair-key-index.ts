import type { AsciiIdIndex, NOT_INDEXABLE } from '../aggregation/ascii-id-index';
import { AsciiPairParts, MAX_KEYED_PAIRS, MAX_SECOND_PARTS, PAIR_PARTS_FULL, SECOND_BITS } from './ascii-pair-parts';

export { MAX_KEYED_PAIRS, MAX_PAIR_PART_BYTES, MAX_SECOND_PARTS } from './ascii-pair-parts';

/** First parts (pages) before the index starts over: refs stay below 2^30. */
export const MAX_FIRST_PARTS = 1 << 20;

// Module-local copies: imported constants cost a getter per read under tsx (bench:core).
const NOT_INDEXABLE_RESULT: typeof NOT_INDEXABLE = -2;
const FULL: typeof PAIR_PARTS_FULL = -3;

/**
 * From the bytes of two short ASCII runs (a page and a country) to the pair's ref, strings and
 * composite key `first + separator + second`: no string made per event.
 *
 * Each part is numbered in its own index (AsciiIdIndex, exact by bytes), and the pair's ref is the
 * two numbers side by side (first * 1024 + second): no table of pairs at all. The parts are few
 * (20,000 pages, a few hundred countries) and their indexes mostly stay in the CPU cache; the pairs
 * are many (hundreds of thousands at 20,000 pages), and a table of every pair, probed and then
 * confirmed against the pair's strings, missed the cache several times per event (issue 14). A
 * window engine finds a key's state by the ref in a table of its own keys (KeySlotTable), so refs
 * may be sparse, and a key may keep its pair as `parts` and ref instead of a key string.
 * Runs that are empty, longer than MAX_PAIR_PART_BYTES or not ASCII are not indexed (-1).
 *
 * Bounded: at `maxFirstParts` first parts or MAX_SECOND_PARTS second parts it starts over with new
 * `parts` (whoever kept the old parts still reads its pairs there; the next events re-intern their
 * parts). Memory per part: its bytes, its string, ~16 bytes of index and its arena offset; per pair
 * whose key was asked for, the key string and 24-48 bytes of table (up to MAX_KEYED_PAIRS pairs:
 * 2^21, a table of at most 48 MiB plus the strings).
 */
export class AsciiPairKeyIndex {
  // Set by startParts (from the constructor).
  private current!: AsciiPairParts;
  /** `current`'s indexes and strings, held here too: the per-event lookup stays one call shallower. */
  private firstIds!: AsciiIdIndex;
  private secondIds!: AsciiIdIndex;
  private firsts!: string[];
  private seconds!: string[];
  private starts = 0;
  private readonly separatorBytes: Uint8Array | undefined;

  /** `maxFirstParts`: at most MAX_FIRST_PARTS (refs stay below 2^30); `maxKeyedPairs`: at most MAX_KEYED_PAIRS. */
  constructor(
    readonly separator: string,
    readonly maxFirstParts = MAX_FIRST_PARTS,
    readonly maxKeyedPairs = MAX_KEYED_PAIRS,
  ) {
    if (!Number.isInteger(maxFirstParts) || maxFirstParts < 1 || maxFirstParts > MAX_FIRST_PARTS) {
      throw new RangeError(`maxFirstParts must be an integer in [1, ${MAX_FIRST_PARTS}], saw ${maxFirstParts}`);
    }
    if (!Number.isInteger(maxKeyedPairs) || maxKeyedPairs < 0 || maxKeyedPairs > MAX_KEYED_PAIRS) {
      throw new RangeError(`maxKeyedPairs must be an integer in [0, ${MAX_KEYED_PAIRS}], saw ${maxKeyedPairs}`);
    }
    // Parts are ASCII (only ASCII runs are indexed); a separator outside latin1 is joined as a string.
    const latin1 = [...separator].every((c) => (c.codePointAt(0) as number) <= 0xff);
    this.separatorBytes = latin1 ? Uint8Array.from(separator, (c) => c.charCodeAt(0)) : undefined;
    this.startParts();
  }

  /** How many times it started over: a pair keeps its ref in `parts` until this changes. */
  get epoch(): number {
    return this.starts;
  }

  /** The parts of this epoch (refs from refOfBytes name pairs there, for good). */
  get parts(): AsciiPairParts {
    return this.current;
  }

  refOfBytes(buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    const first = this.firstIds.find(buf, firstStart, firstEnd);
    if (first === NOT_INDEXABLE_RESULT) return -1;
    const second = this.secondIds.find(buf, secondStart, secondEnd);
    if (second === NOT_INDEXABLE_RESULT) return -1;
    if (first >= 0 && second >= 0) return first * MAX_SECOND_PARTS + second;
    // Parts seen for the first time (-1): numbered now (each index remembers its own last lookup).
    const ref = this.current.refAfterFind(first, second, buf, firstStart, firstEnd, secondStart, secondEnd);
    if (ref !== FULL) return ref;
    // Full: start over, and the parts are the first of the new epoch.
    this.starts++;
    this.startParts();
    return this.refOfBytes(buf, firstStart, firstEnd, secondStart, secondEnd);
  }

  first(ref: number): string {
    return this.firsts[ref >>> SECOND_BITS] as string;
  }

  second(ref: number): string {
    return this.seconds[ref & (MAX_SECOND_PARTS - 1)] as string;
  }

  key(ref: number): string {
    return this.current.key(ref);
  }

  private startParts(): void {
    const parts = new AsciiPairParts(this.separator, this.separatorBytes, this.maxFirstParts, this.maxKeyedPairs);
    this.current = parts;
    this.firstIds = parts.firstIds;
    this.secondIds = parts.secondIds;
    this.firsts = parts.firsts;
    this.seconds = parts.seconds;
  }
}
