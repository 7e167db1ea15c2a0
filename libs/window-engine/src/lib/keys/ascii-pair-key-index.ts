import { AsciiIdIndex, type NOT_INDEXABLE } from '../aggregation/ascii-id-index';

// A module-local copy: imported constants cost a getter per read under tsx (bench:core).
const NOT_INDEXABLE_RESULT: typeof NOT_INDEXABLE = -2;

/** Longer runs are not indexed (bounds the per-lookup work); callers fall back to their strings. */
export const MAX_PAIR_PART_BYTES = 255;
/** Default bound on interned pairs; see the class doc. */
export const DEFAULT_MAX_PAIR_KEYS = 1 << 20;

/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/**
 * From the bytes of two short ASCII runs (a page and a country) to the pair's strings and its
 * composite key `first + separator + second`: no string made per event.
 *
 * Why two levels: the parts are few (20,000 pages, a few hundred countries) and the pairs many
 * (hundreds of thousands at 20,000 pages). Each part is found in its own small index (AsciiIdIndex,
 * exact by bytes), which mostly stays in the CPU cache; the pair is then found by the two part
 * numbers in a table that holds them (one cache line per probe, confirmed without reading a
 * string). One table of every pair, probed by a hash of both runs and confirmed against the pair's
 * strings, then the pair's parts and key, missed the cache several times per event at 20,000 pages
 * (issue 14). Runs that are empty, longer than MAX_PAIR_PART_BYTES or not ASCII are
 * not indexed (-1).
 *
 * Bounded: at `maxKeys` pairs it starts over (keys are plain strings, so nothing that holds one is
 * affected; the next events re-intern their pairs). Memory per pair: two table slots (32 bytes)
 * and two integers in the pair arrays, and its key string (its parts' length + ~20 bytes) once
 * asked for; per part: its bytes, its string and ~16 bytes of index.
 */
export class AsciiPairKeyIndex {
  private firstIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
  private secondIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
  private firsts: string[] = [];
  private seconds: string[] = [];
  /**
   * The pairs by their parts: open addressing, 4 ints per slot (first, second, pair + 1, unused),
   * so a probe reads one cache line and confirms the pair exactly; pair + 1 = 0 is an empty slot.
   * Kept at most half full.
   */
  private table: Int32Array = new Int32Array(4 * 1024);
  private mask = 1023;
  /** Per pair: its first and second part. */
  private pairFirst: Int32Array = new Int32Array(1024);
  private pairSecond: Int32Array = new Int32Array(1024);
  /** Per pair: its key, made on first use. */
  private keys: (string | undefined)[] = [];
  private pairs = 0;
  private starts = 0;
  /** The last pair found and its parts: the caller asks for them right after. */
  private lastRef = -1;
  private lastFirst = '';
  private lastSecond = '';

  constructor(
    readonly separator: string,
    readonly maxKeys = DEFAULT_MAX_PAIR_KEYS,
  ) {
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a positive integer, saw ${maxKeys}`);
  }

  /** Number of interned pairs. */
  get size(): number {
    return this.pairs;
  }

  /** How many times it started over: a pair keeps its ref until this changes. */
  get epoch(): number {
    return this.starts;
  }

  refOfBytes(buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    let first = this.firstIds.find(buf, firstStart, firstEnd);
    if (first === NOT_INDEXABLE_RESULT) return -1;
    let second = this.secondIds.find(buf, secondStart, secondEnd);
    if (second === NOT_INDEXABLE_RESULT) return -1;
    // Parts seen for the first time (-1): numbered now (each index remembers its own last lookup).
    if (second < 0) second = this.addSecond(buf, secondStart, secondEnd);
    if (first < 0) first = this.addFirst(buf, firstStart, firstEnd);
    const table = this.table;
    const mask = this.mask;
    let slot = pairSlot(first, second, mask);
    for (let entry = table[4 * slot + 2] as number; entry !== 0; entry = table[4 * slot + 2] as number) {
      if (table[4 * slot] === first && table[4 * slot + 1] === second) return this.found(entry - 1, first, second);
      slot = (slot + 1) & mask;
    }
    if (this.pairs < this.maxKeys) return this.addPair(first, second, slot);
    // Full: start over, and the pair is the first of the new epoch.
    this.clear();
    return this.refOfBytes(buf, firstStart, firstEnd, secondStart, secondEnd);
  }

  first(ref: number): string {
    return ref === this.lastRef ? this.lastFirst : (this.firsts[this.pairFirst[ref] as number] as string);
  }

  second(ref: number): string {
    return ref === this.lastRef ? this.lastSecond : (this.seconds[this.pairSecond[ref] as number] as string);
  }

  key(ref: number): string {
    const known = this.keys[ref];
    if (known !== undefined) return known;
    const key = flat(this.first(ref) + this.separator + this.second(ref));
    this.keys[ref] = key;
    return key;
  }

  private found(ref: number, first: number, second: number): number {
    this.lastRef = ref;
    this.lastFirst = this.firsts[first] as string;
    this.lastSecond = this.seconds[second] as string;
    return ref;
  }

  private addSecond(buf: Uint8Array, start: number, end: number): number {
    const id = this.seconds.length;
    this.secondIds.remember(id);
    this.seconds.push(latin1(buf, start, end));
    return id;
  }

  private addFirst(buf: Uint8Array, start: number, end: number): number {
    const id = this.firsts.length;
    this.firstIds.remember(id);
    this.firsts.push(latin1(buf, start, end));
    return id;
  }

  /** Adds the pair at `slot`, the empty slot its probe ended on. */
  private addPair(first: number, second: number, slot: number): number {
    const ref = this.pairs++;
    if (ref >= this.pairFirst.length) {
      this.pairFirst = grown(this.pairFirst);
      this.pairSecond = grown(this.pairSecond);
    }
    this.pairFirst[ref] = first;
    this.pairSecond[ref] = second;
    this.keys.push(undefined);
    this.put(this.table, slot, first, second, ref);
    if (2 * this.pairs > this.mask + 1) this.growTable();
    return this.found(ref, first, second);
  }

  private put(table: Int32Array, slot: number, first: number, second: number, ref: number): void {
    table[4 * slot] = first;
    table[4 * slot + 1] = second;
    table[4 * slot + 2] = ref + 1;
  }

  private growTable(): void {
    const old = this.table;
    const table = new Int32Array(2 * old.length);
    const mask = table.length / 4 - 1;
    for (let i = 0; i < old.length; i += 4) {
      const entry = old[i + 2] as number;
      if (entry === 0) continue;
      const first = old[i] as number;
      const second = old[i + 1] as number;
      let slot = pairSlot(first, second, mask);
      while (table[4 * slot + 2] !== 0) slot = (slot + 1) & mask;
      this.put(table, slot, first, second, entry - 1);
    }
    this.table = table;
    this.mask = mask;
  }

  private clear(): void {
    this.starts++;
    this.firstIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
    this.secondIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
    this.firsts = [];
    this.seconds = [];
    this.table = new Int32Array(4 * 1024);
    this.mask = 1023;
    this.pairFirst = new Int32Array(1024);
    this.pairSecond = new Int32Array(1024);
    this.keys = [];
    this.pairs = 0;
    this.lastRef = -1;
  }
}

/** The first slot to probe for a pair of part numbers. */
function pairSlot(first: number, second: number, mask: number): number {
  const h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

function grown(array: Int32Array): Int32Array {
  const longer = new Int32Array(2 * array.length);
  longer.set(array);
  return longer;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return (buf as unknown as Latin1Slice).latin1Slice(start, end);
}

/** A concatenation made flat once (as the flatstr package does): keys are read by char code (key splitting, row writing) at every pane. */
function flat(value: string): string {
  // ToNumber reads the whole string, which makes V8 flatten a cons string in place.
  void ((value as unknown as number) | 0);
  return value;
}
