import { AsciiIdIndex, asciiRunHash, MAX_INDEXED_BYTES, NOT_INDEXABLE } from './ascii-id-index';
import { HeldIds, MAX_HELD_PLACES } from './held-ids';

// A module-local copy: imported constants cost a getter per read under tsx (bench:core).
const NOT_INDEXABLE_RESULT: typeof NOT_INDEXABLE = -2;

/** Whether `ref` (from IdDictionary.hold) is a held ref, not an interned id (-1 is neither: "no ref"). */
export function isHeldRef(ref: number): boolean {
  return ref < -1;
}

/**
 * A held ref is -2 - (fingerprint << PLACE_BITS | place): its entry's place in HeldIds and the top
 * FINGERPRINT_BITS of its hash. `heldMatches` compares the fingerprint first, so telling a key's
 * few held users apart rarely reads their entries, written long before and out of the CPU cache
 * (at 20,000 pages that read missed the cache on most events; issue 14). 4 + 27 bits: the ref
 * stays an int32 (a V8 small integer).
 */
const PLACE_BITS = 27;
const PLACE_MASK = (1 << PLACE_BITS) - 1;
const FINGERPRINT_BITS = 4;
const FINGERPRINT_SHIFT = 32 - FINGERPRINT_BITS;

/** `asciiAt` of an id that is not in the ASCII index (its string is in `others`). */
const NOT_ASCII = -1;

/**
 * Interns string ids to small integers (0, 1, 2, ...) and maps them back.
 *
 * Why: an exact unique count keeps every distinct id per key and window. Holding them as strings
 * in a Set<string> per key cost ~600 ns per event in the aggregator's benchmark: the fresh string
 * from the decoder is hashed, every probe dereferences a stored string scattered across the heap,
 * and the kept strings are promoted by the GC. One lookup here turns the id into a small integer;
 * accumulators then hold plain integers (no pointers to follow or trace).
 *
 * Short ASCII ids (nearly all) are kept only as bytes, in the ASCII index's arena: no string per
 * id. At 20,000 pages and 5,000,000 users almost every event brought a new user, and a string per
 * user, promoted and kept, was a large part of the heap and of the collector's work (issue 14).
 * `stringOf` makes a fresh string when one is asked for (checkpoints, late rows); writers that
 * want the bytes take them with `copyAsciiBytes`.
 *
 * An accumulator with a few distinct ids may keep them as held refs instead (`hold`): their bytes
 * are appended, not looked up, and it tells them apart by their bytes (`heldMatches`) until it
 * has more than a few, then interns them (`internHeld`).
 * At 20,000 pages and millions of users most keys see a user or two per window, and the probe of a
 * table of millions of ids per event was the largest cost that grew with users (issue 14).
 *
 * `stamp` and `nextEpoch` give accumulators an O(1) "seen in this pass" mark per id without a
 * hash set; see UniqueIds.compact.
 */
export class IdDictionary {
  /** Ids that are not short ASCII (non-ASCII, empty, over MAX_INDEXED_BYTES); rare in practice. */
  private readonly others = new Map<string, number>();
  private readonly otherStrings = new Map<number, string>();
  /** Every short ASCII id, by bytes and by string: one table, no Map entry per id. */
  private readonly ascii: AsciiIdIndex;
  /** Ids read from bytes and not interned yet (held refs name their entries). */
  private readonly held: HeldIds;
  /** Per id: its entry in the ASCII index's arena, or NOT_ASCII. */
  private asciiAt: Int32Array;
  private count = 0;
  /** Per id: the epoch of the compaction pass that last saw it. */
  stamp: Int32Array;
  private epoch = 0;

  /**
   * `expectedIds`: how many ids it is sized for from the start (IdDictionaryRotation passes the
   * last dictionary's count): at 5,000,000 users a dictionary fills in seconds, and growing its
   * tables by doubling rehashed every id along the way (issue 14). `maxHeldBytes`: what it holds at
   * most (128 MiB by default, also the most there can be; see `canHold`).
   */
  constructor(expectedIds = 0, maxHeldBytes = MAX_HELD_PLACES) {
    this.held = new HeldIds(maxHeldBytes);
    this.ascii = new AsciiIdIndex(MAX_INDEXED_BYTES, expectedIds);
    this.asciiAt = new Int32Array(Math.max(1024, expectedIds));
    this.stamp = new Int32Array(Math.max(1024, expectedIds));
  }

  /** Number of interned ids. */
  get size(): number {
    return this.count;
  }

  /** Bytes of held ids (see `hold`): they are kept until the dictionary is freed. */
  get heldBytes(): number {
    return this.held.byteLength;
  }

  /** The integer for `value`, interning it on first sight. */
  idOf(value: string): number {
    const found = this.ascii.findString(value);
    if (found >= 0) return found;
    if (found === NOT_INDEXABLE_RESULT) {
      const known = this.others.get(value);
      if (known !== undefined) return known;
      const id = this.append(NOT_ASCII);
      this.others.set(value, id);
      this.otherStrings.set(id, value);
      return id;
    }
    return this.appendAscii();
  }

  /**
   * The integer for the UTF-8 string in `buf[start, end)`, interning it on first sight; equal to
   * `idOf` of the decoded string. For decoders: a known ASCII id costs a byte hash and compare,
   * with no string made, and so does a new one.
   */
  idOfBytes(buf: Buffer, start: number, end: number): number {
    const found = this.ascii.find(buf, start, end);
    if (found >= 0) return found;
    if (found === NOT_INDEXABLE_RESULT) return this.idOf(buf.toString('utf8', start, end));
    // ASCII, so its bytes are its UTF-16 units; not known by bytes means not known at all.
    return this.appendAscii();
  }

  /**
   * Whether `hold` may be called: false once it holds `maxHeldBytes` (a dictionary still in use
   * after its rotation can go on filling); then ids are interned instead.
   */
  get canHold(): boolean {
    return !this.held.full;
  }

  /**
   * A held ref for the string in `buf[start, end)` whose `heldHashOf` is `hash` (not undefined):
   * its bytes are kept, not looked up. Two held refs of one string may differ (or be one, when held
   * soon after each other): compare with `heldMatches`. Only while `canHold`.
   */
  hold(buf: Uint8Array, start: number, end: number, hash: number): number {
    return heldRefOf(this.held.hold(buf, start, end, hash), hash);
  }

  /** Whether the held ref names the string in `buf[start, end)`, whose `heldHashOf` is `hash`. */
  heldMatches(ref: number, hash: number, buf: Uint8Array, start: number, end: number): boolean {
    const tagged = -2 - ref;
    return tagged >>> PLACE_BITS === hash >>> FINGERPRINT_SHIFT && this.held.matches(tagged & PLACE_MASK, hash, buf, start, end);
  }

  /** The hash a held ref was held with (`heldHashOf` of its bytes). */
  heldHash(ref: number): number {
    return this.held.hashAt(heldPlaceOf(ref));
  }

  /** Whether the held ref names `value`. */
  heldIs(ref: number, value: string): boolean {
    return this.held.matchesString(heldPlaceOf(ref), value);
  }

  /** The interned id of a held ref (interning it on first sight); equal to `idOf` of its string. */
  internHeld(ref: number): number {
    const held = this.held;
    const at = heldPlaceOf(ref);
    const found = this.ascii.findHashed(held.bytesOf(at), held.bytesStart(at), held.bytesEnd(at), held.hashAt(at));
    return found >= 0 ? found : this.appendAscii();
  }

  /** The string of an id or held ref (for an ASCII id, a fresh string each call). */
  stringOf(id: number): string {
    if (isHeldRef(id)) return this.held.stringAt(heldPlaceOf(id));
    const at = this.asciiAt[id] as number;
    return at === NOT_ASCII ? (this.otherStrings.get(id) as string) : this.ascii.stringAt(at);
  }

  /**
   * For an ASCII id or a held ref (its bytes are its UTF-16 units): copies its bytes to `out[pos..]` and returns
   * the position after them. For any other id: returns -1 and writes nothing (use `stringOf`).
   */
  copyAsciiBytes(id: number, out: Uint8Array, pos: number): number {
    if (isHeldRef(id)) return this.held.copyBytes(heldPlaceOf(id), out, pos);
    const at = this.asciiAt[id] as number;
    return at === NOT_ASCII ? -1 : this.ascii.copyBytes(at, out, pos);
  }

  /** A fresh epoch for one compaction pass: no id carries it in `stamp` yet. */
  nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Interns the run the ASCII index just missed (its last `find` or `findString`). */
  private appendAscii(): number {
    const id = this.append(0);
    this.asciiAt[id] = this.ascii.remember(id);
    return id;
  }

  private append(asciiAt: number): number {
    const id = this.count++;
    if (id >= this.stamp.length) {
      const grownStamp = new Int32Array(this.stamp.length * 2);
      grownStamp.set(this.stamp);
      this.stamp = grownStamp;
      const grownAt = new Int32Array(this.asciiAt.length * 2);
      grownAt.set(this.asciiAt);
      this.asciiAt = grownAt;
    }
    this.asciiAt[id] = asciiAt;
    return id;
  }
}

/** The held ref of the entry starting at `place` in HeldIds (HeldIds keeps entries below MAX_HELD_PLACES, so at most 2^27 - 6), whose hash is `hash`. */
export function heldRefOf(place: number, hash: number): number {
  return -2 - (place | ((hash >>> FINGERPRINT_SHIFT) << PLACE_BITS));
}

/** The place in HeldIds of a held ref's entry. */
export function heldPlaceOf(ref: number): number {
  return (-2 - ref) & PLACE_MASK;
}

/** The hash `hold` takes for `buf[start, end)`, or undefined when it cannot be held (empty, over MAX_INDEXED_BYTES, or not ASCII). */
export function heldHashOf(buf: Uint8Array, start: number, end: number): number | undefined {
  const length = end - start;
  return length === 0 || length > MAX_INDEXED_BYTES ? undefined : asciiRunHash(buf, start, end);
}
