import { AsciiIdIndex } from '../aggregation/ascii-id-index';

/** Longer runs are not indexed (bounds the per-lookup work); callers fall back to their strings. */
export const MAX_PAIR_PART_BYTES = 255;
/** A pair's ref is first part * MAX_SECOND_PARTS + second part. */
export const SECOND_BITS = 10;
/** Second parts (countries) of one AsciiPairParts. */
export const MAX_SECOND_PARTS = 1 << SECOND_BITS;
/** Pairs whose key string one AsciiPairParts keeps (and shares); past it a key is made per request. */
export const MAX_KEYED_PAIRS = 1 << 21;
/** refAfterFind: a new part would pass the bound (the index then starts over with new parts). */
export const PAIR_PARTS_FULL = -3;

const MIN_KEY_SLOTS = 1024;

/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/**
 * The pairs of one AsciiPairKeyIndex epoch: each part numbered in its own index (AsciiIdIndex,
 * exact by bytes), a pair's ref the two numbers side by side, and the parts' bytes kept in those
 * indexes' arenas. Never changed by a start-over (the index makes new parts), so whoever kept a
 * ref with its parts can still read the pair's strings and bytes: a window key holds its pair this
 * way instead of a key string (issue 14).
 */
export class AsciiPairParts {
  /** The part indexes and strings, read by AsciiPairKeyIndex's hot path directly (one call less per event); added to only here. */
  readonly firstIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
  readonly secondIds = new AsciiIdIndex(MAX_PAIR_PART_BYTES);
  readonly firsts: string[] = [];
  readonly seconds: string[] = [];
  /** Where each part's bytes sit in its index's arena (AsciiIdIndex.remember). */
  private readonly firstAt: number[] = [];
  private readonly secondAt: number[] = [];
  /**
   * The keys made so far, by pair ref: open addressing over ref + 1 in `keyRefs`, the key at the
   * same place in `keyStrings`, at most half full: one string per pair, shared by every window that
   * asks (a checkpoint, or a window that lost its exact key slots). A table, not a list per page: at
   * 20,000 pages the scan of a busy page's list was 5% of the aggregator (issue 14). The refs in an
   * Int32Array (4 bytes a slot: probes stay in fewer cache lines), the keys beside it.
   */
  private keyRefs = new Int32Array(MIN_KEY_SLOTS);
  private keyStrings: string[] = newKeyStrings(MIN_KEY_SLOTS);
  private keyShift = 32 - Math.log2(MIN_KEY_SLOTS);
  private keyCount = 0;
  /** Where keys are put together from their parts' bytes (two parts of at most 255 bytes and the separator). */
  private readonly scratch = Buffer.allocUnsafe(2 * MAX_PAIR_PART_BYTES + 16) as unknown as Latin1Slice & Uint8Array;

  constructor(
    readonly separator: string,
    /** The separator's latin1 bytes, or undefined when it is not latin1 (keys are then joined as strings). */
    private readonly separatorBytes: Uint8Array | undefined,
    private readonly maxFirstParts: number,
    private readonly maxKeyedPairs: number,
  ) {}

  /**
   * The ref of a pair whose parts' last lookups (`firstIds.find`, `secondIds.find`) gave `first` and
   * `second`, numbering a part found new (-1) now; PAIR_PARTS_FULL when a new part does not fit
   * (nothing is added then).
   */
  refAfterFind(first: number, second: number, buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    if (first < 0 || second < 0) {
      if ((first < 0 && this.firsts.length >= this.maxFirstParts) || (second < 0 && this.seconds.length >= MAX_SECOND_PARTS)) return PAIR_PARTS_FULL;
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

  /** `first + separator + second`, shared per pair (up to maxKeyedPairs keys, then made per call). */
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
   * (two cache misses) at every read of the key.
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
