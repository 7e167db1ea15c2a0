import { AsciiIdIndex, type NOT_INDEXABLE } from '../aggregation/ascii-id-index';

// A module-local copy: imported constants cost a getter per read under tsx (bench:core).
const NOT_INDEXABLE_RESULT: typeof NOT_INDEXABLE = -2;

/** Longer runs are not indexed (bounds the per-lookup work); callers fall back to their strings. */
export const MAX_PAIR_PART_BYTES = 255;
/** A pair's ref is first part * SECONDS + second part. */
const SECOND_BITS = 10;
/** Second parts (countries) before the index starts over. */
export const MAX_SECOND_PARTS = 1 << SECOND_BITS;
/** First parts (pages) before the index starts over: refs stay below 2^30. */
export const MAX_FIRST_PARTS = 1 << 20;

/** Pairs whose key string the index keeps (and shares); past it a key is made per request. */
export const MAX_KEYED_PAIRS = 1 << 21;
const MIN_KEY_SLOTS = 1024;

/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/**
 * From the bytes of two short ASCII runs (a page and a country) to the pair's strings and its
 * composite key `first + separator + second`: no string made per event.
 *
 * Each part is numbered in its own index (AsciiIdIndex, exact by bytes), and the pair's ref is the
 * two numbers side by side (first * 1024 + second): no table of pairs at all. The parts are few
 * (20,000 pages, a few hundred countries) and their indexes mostly stay in the CPU cache; the pairs
 * are many (hundreds of thousands at 20,000 pages), and a table of every pair, probed and then
 * confirmed against the pair's strings, missed the cache several times per event (issue 14). A
 * window engine finds a key's state by the ref in a table of its own keys (KeySlotTable), so refs
 * may be sparse. The key string is made when first asked for (a window engine asks once per new key).
 * Runs that are empty, longer than MAX_PAIR_PART_BYTES or not ASCII are not indexed (-1).
 *
 * Bounded: at `maxFirstParts` first parts or MAX_SECOND_PARTS second parts it starts over (keys are
 * plain strings, so nothing that holds one is affected; the next events re-intern their parts).
 * Memory per part: its bytes, its string, ~16 bytes of index and its arena offset; per pair whose
 * key was asked for, the key string and 24-48 bytes of table (up to MAX_KEYED_PAIRS pairs: 2^21, a table of at
 * most 48 MiB plus the strings).
 */
export class AsciiPairKeyIndex {
  private firstIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
  private secondIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
  private firsts: string[] = [];
  private seconds: string[] = [];
  /** Where each part's bytes sit in its index's arena (AsciiIdIndex.remember): keys are copied from there. */
  private firstAt: number[] = [];
  private secondAt: number[] = [];
  /**
   * The keys made so far, by pair ref: open addressing over ref + 1 in `keyRefs`, the key at the
   * same place in `keyStrings`, at most half full. Read only when a key is asked for (a window
   * engine asks once per new key in a window): one string per pair, shared by every window, instead
   * of one per key and window (at 100,000 open keys that was 20+ MB more). A table, not a list per
   * page: at 20,000 pages the scan of a busy page's list was 5% of the aggregator (issue 14). The
   * refs in an Int32Array (4 bytes a slot: probes stay in fewer cache lines), the keys beside it.
   */
  private keyRefs = new Int32Array(MIN_KEY_SLOTS);
  private keyStrings: string[] = newKeyStrings(MIN_KEY_SLOTS);
  private keyShift = 32 - Math.log2(MIN_KEY_SLOTS);
  private keyCount = 0;
  /** Where keys are put together from their parts' bytes (two parts of at most 255 bytes and the separator). */
  private readonly scratch = Buffer.allocUnsafe(2 * MAX_PAIR_PART_BYTES + 16) as unknown as Latin1Slice & Uint8Array;
  /** The separator's latin1 bytes, or undefined when it is not latin1 (keys are then joined as strings). */
  private readonly separatorBytes: Uint8Array | undefined;
  private starts = 0;

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
    if (first < 0 || second < 0) {
      if ((first < 0 && this.firsts.length >= this.maxFirstParts) || (second < 0 && this.seconds.length >= MAX_SECOND_PARTS)) {
        // Full: start over, and the parts are the first of the new epoch.
        this.clear();
        return this.refOfBytes(buf, firstStart, firstEnd, secondStart, secondEnd);
      }
      if (second < 0) second = this.add(this.secondIds, this.seconds, this.secondAt, buf, secondStart, secondEnd);
      if (first < 0) first = this.add(this.firstIds, this.firsts, this.firstAt, buf, firstStart, firstEnd);
    }
    return first * MAX_SECOND_PARTS + second;
  }

  first(ref: number): string {
    return this.firsts[ref >>> SECOND_BITS] as string;
  }

  second(ref: number): string {
    return this.seconds[ref & (MAX_SECOND_PARTS - 1)] as string;
  }

  key(ref: number): string {
    const refs = this.keyRefs;
    const mask = refs.length - 1;
    const tag = ref + 1;
    let i = Math.imul(ref, 0x9e3779b1) >>> this.keyShift;
    for (let at = refs[i] as number; at !== 0; at = refs[i] as number) {
      if (at === tag) return this.keyStrings[i] as string;
      i = (i + 1) & mask;
    }
    const key = this.makeKey(ref >>> SECOND_BITS, ref & (MAX_SECOND_PARTS - 1));
    // Past maxKeyedPairs a key is made per call (keys are plain strings: nothing else changes).
    if (this.keyCount >= this.maxKeyedPairs) return key;
    if (2 * (this.keyCount + 1) > refs.length) {
      this.growKeys();
      return this.rememberKey(ref, key);
    }
    refs[i] = tag;
    this.keyStrings[i] = key;
    this.keyCount++;
    return key;
  }

  /**
   * `first + separator + second` as one flat string, copied from the parts' bytes in their indexes'
   * arenas and read once (a byte loop: three latin1 writes were three native calls per new pair).
   * A concatenation, even flattened, stays a cons string in front of its flat copy, two objects
   * (two cache misses) at every read of the key (the pane's row, the checkpoint).
   */
  private makeKey(first: number, second: number): string {
    const separatorBytes = this.separatorBytes;
    const firstString = this.firsts[first] as string;
    const secondString = this.seconds[second] as string;
    const scratch = this.scratch;
    if (separatorBytes === undefined || firstString.length + separatorBytes.length + secondString.length > scratch.length) {
      return flat(firstString + this.separator + secondString);
    }
    let at = this.firstIds.copyBytes(this.firstAt[first] as number, scratch, 0);
    for (let i = 0; i < separatorBytes.length; i++) scratch[at++] = separatorBytes[i] as number;
    at = this.secondIds.copyBytes(this.secondAt[second] as number, scratch, at);
    return scratch.latin1Slice(0, at);
  }

  private rememberKey(ref: number, key: string): string {
    const refs = this.keyRefs;
    const mask = refs.length - 1;
    let i = Math.imul(ref, 0x9e3779b1) >>> this.keyShift;
    while (refs[i] !== 0) i = (i + 1) & mask;
    refs[i] = ref + 1;
    this.keyStrings[i] = key;
    this.keyCount++;
    return key;
  }

  private growKeys(): void {
    const oldRefs = this.keyRefs;
    const oldStrings = this.keyStrings;
    this.keyRefs = new Int32Array(2 * oldRefs.length);
    this.keyStrings = newKeyStrings(2 * oldRefs.length);
    this.keyShift--;
    this.keyCount = 0;
    for (let i = 0; i < oldRefs.length; i++) {
      const at = oldRefs[i] as number;
      if (at !== 0) this.rememberKey(at - 1, oldStrings[i] as string);
    }
  }

  private add(ids: AsciiIdIndex, parts: string[], at: number[], buf: Uint8Array, start: number, end: number): number {
    const id = parts.length;
    at.push(ids.remember(id));
    parts.push((buf as unknown as Latin1Slice).latin1Slice(start, end));
    return id;
  }

  private clear(): void {
    this.starts++;
    this.firstIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
    this.secondIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
    this.firsts = [];
    this.seconds = [];
    this.firstAt = [];
    this.secondAt = [];
    this.keyRefs = new Int32Array(MIN_KEY_SLOTS);
    this.keyStrings = newKeyStrings(MIN_KEY_SLOTS);
    this.keyShift = 32 - Math.log2(MIN_KEY_SLOTS);
    this.keyCount = 0;
  }
}

/**
 * `slots` empty keys (''). Pushed, not `new Array(n)`: a large preset length makes V8 keep the
 * elements in a dictionary, slower to read.
 */
function newKeyStrings(slots: number): string[] {
  const strings: string[] = [];
  for (let i = 0; i < slots; i++) strings.push('');
  return strings;
}

/** A concatenation made flat once (as the flatstr package does): keys are read by char code (key splitting, row writing) at every pane. */
function flat(value: string): string {
  // ToNumber reads the whole string, which makes V8 flatten a cons string in place.
  void ((value as unknown as number) | 0);
  return value;
}
