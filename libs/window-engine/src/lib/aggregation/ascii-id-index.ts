import { HashSlotTable, slotOf } from '../hashing/hash-slot-table';

// `| 0`: as int32 constants the hash loop stays in integer registers.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193 | 0;

/** Longer runs are not indexed by bytes (ids are short; bounds the per-lookup work). */
export const MAX_INDEXED_BYTES = 128;

/** `find`: the run is not found but can be remembered. */
export const NOT_FOUND = -1;
/** `find`: the run is not indexed (non-ASCII, empty or too long); intern it by its string. */
export const NOT_INDEXABLE = -2;

/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/** Arena entry: [length: 1 byte][id: 4 bytes, little-endian][the ASCII bytes]. */
const ENTRY_HEADER = 5;

/**
 * An open-addressing table from short ASCII strings (by their bytes or by their string) to their
 * dictionary ids, so a decoder can intern an id straight from a message buffer: no fresh string,
 * no Map lookup. For the dictionary it is the index of every ASCII id (a Map holds only the rest):
 * a Map entry per id cost more than the id's string at millions of users (issue 14).
 *
 * Exact: a hit is confirmed byte by byte. Each id's bytes (with its length and id) sit in one
 * byte arena, and a slot holds the id's arena offset + 1 (0 = empty) and the full hash: a lookup
 * reads its slot and one arena entry, not the id array and a string scattered over the heap
 * (which cost two cache misses per event at 50,000 users). ASCII only, where one byte is one
 * UTF-16 unit, so strings and bytes compare unit for byte.
 */
export class AsciiIdIndex {
  private readonly slots: HashSlotTable;
  /** A Buffer for its latin1 slicer (`stringAt`). */
  private arena = Buffer.alloc(1 << 14);
  private used = 0;
  /** The hash of the last run `find` or `findString` looked up, and the run itself, for `remember`. */
  private lastHash = 0;
  private lastBytes: Uint8Array | undefined = undefined;
  private lastStart = 0;
  private lastEnd = 0;
  private lastString = '';

  /**
   * `maxBytes`: longer runs are not indexed (at most 255: an entry keeps its length in a byte);
   * `expectedIds`: how many it is sized for from the start (its table does not rehash up to them).
   */
  constructor(
    private readonly maxBytes = MAX_INDEXED_BYTES,
    expectedIds = 0,
  ) {
    if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > 255) throw new RangeError(`maxBytes must be an integer in [1, 255], saw ${maxBytes}`);
    this.slots = new HashSlotTable(expectedIds);
  }

  /**
   * The id of the string in `buf[start, end)` if indexed; otherwise NOT_FOUND (then `remember`
   * its id) or NOT_INDEXABLE.
   */
  find(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length === 0 || length > this.maxBytes) return NOT_INDEXABLE;
    const hash = asciiRunHash(buf, start, end);
    return hash === undefined ? NOT_INDEXABLE : this.findHashed(buf, start, end, hash);
  }

  /**
   * `find` for a run of 1 to `maxBytes` ASCII bytes whose `asciiRunHash` is known (e.g. kept
   * beside it, see HeldIds): the id, or NOT_FOUND (then `remember` its id).
   */
  findHashed(buf: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    this.lastHash = hash;
    this.lastBytes = buf;
    this.lastStart = start;
    this.lastEnd = end;
    const { table, mask } = this.slots;
    const arena = this.arena;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) return -1; // NOT_FOUND (a literal: imported constants cost a getter under tsx)
      if (table[2 * slot] === hash && arena[entry - 1] === length) {
        const at = entry - 1 + ENTRY_HEADER;
        let i = 0;
        while (i < length && arena[at + i] === buf[start + i]) i++;
        if (i === length) return idAt(arena, entry - 1);
      }
    }
  }

  /**
   * `find` for a string: the same table, the same hash (an ASCII string's char codes are its UTF-8
   * bytes), so an id interned from bytes is found by its string and the other way round.
   */
  findString(value: string): number {
    const length = value.length;
    if (length === 0 || length > this.maxBytes) return NOT_INDEXABLE;
    let hash = FNV_OFFSET;
    let any = 0;
    for (let i = 0; i < length; i++) {
      const unit = value.charCodeAt(i);
      any |= unit;
      hash = Math.imul(hash ^ unit, FNV_PRIME);
    }
    if (any >= 0x80) return NOT_INDEXABLE;
    this.lastHash = hash;
    this.lastBytes = undefined;
    this.lastString = value;
    const { table, mask } = this.slots;
    const arena = this.arena;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) return -1; // NOT_FOUND
      if (table[2 * slot] === hash && arena[entry - 1] === length) {
        const at = entry - 1 + ENTRY_HEADER;
        let i = 0;
        while (i < length && arena[at + i] === value.charCodeAt(i)) i++;
        if (i === length) return idAt(arena, entry - 1);
      }
    }
  }

  /**
   * Indexes `id` under the run of the last `find` or `findString`, which returned NOT_FOUND; returns
   * where its entry sits in the arena (for `stringAt` and `copyBytes`).
   */
  remember(id: number): number {
    const bytes = this.lastBytes;
    const length = bytes === undefined ? this.lastString.length : this.lastEnd - this.lastStart;
    const at = this.used;
    if (at + ENTRY_HEADER + length > this.arena.length) {
      const grown = Buffer.alloc(Math.max(2 * this.arena.length, at + ENTRY_HEADER + length));
      this.arena.copy(grown, 0, 0, at);
      this.arena = grown;
    }
    const arena = this.arena;
    arena[at] = length;
    arena[at + 1] = id & 0xff;
    arena[at + 2] = (id >>> 8) & 0xff;
    arena[at + 3] = (id >>> 16) & 0xff;
    arena[at + 4] = id >>> 24;
    // Byte loops (at most `maxBytes`): a subarray for set() would be an allocation per new id.
    if (bytes === undefined) for (let i = 0; i < length; i++) arena[at + ENTRY_HEADER + i] = this.lastString.charCodeAt(i);
    else for (let i = 0, from = this.lastStart; i < length; i++) arena[at + ENTRY_HEADER + i] = bytes[from + i] as number;
    this.used = at + ENTRY_HEADER + length;
    this.slots.add(this.lastHash, at);
    this.lastBytes = undefined; // not kept alive past its message
    return at;
  }

  /** The string of the entry at `at` (from `remember`): a fresh string each call. */
  stringAt(at: number): string {
    const arena = this.arena;
    return (arena as unknown as Latin1Slice).latin1Slice(at + ENTRY_HEADER, at + ENTRY_HEADER + (arena[at] as number));
  }

  /** Copies the bytes of the entry at `at` to `out[pos..]`; returns the position after them. */
  copyBytes(at: number, out: Uint8Array, pos: number): number {
    const arena = this.arena;
    const length = arena[at] as number;
    const from = at + ENTRY_HEADER;
    for (let i = 0; i < length; i++) out[pos + i] = arena[from + i] as number;
    return pos + length;
  }
}

/** The index's hash of `buf[start, end)`, or undefined when a byte is not ASCII. */
export function asciiRunHash(buf: Uint8Array, start: number, end: number): number | undefined {
  let hash = FNV_OFFSET;
  let any = 0;
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    any |= byte;
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  return any >= 0x80 ? undefined : hash;
}

function idAt(arena: Uint8Array, at: number): number {
  return ((arena[at + 1] as number) | ((arena[at + 2] as number) << 8) | ((arena[at + 3] as number) << 16) | ((arena[at + 4] as number) << 24)) >>> 0;
}
