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

/**
 * An open-addressing table from short ASCII strings (by their bytes or by their string) to their
 * dictionary ids, so a decoder can intern an id straight from a message buffer: no fresh string,
 * no Map lookup. For the dictionary it is the index of every ASCII id (a Map holds only the rest):
 * a Map entry per id cost more than the id's string at millions of users (issue 14).
 *
 * Exact: a hit is confirmed byte by byte against the interned string itself (ASCII only, where
 * one byte is one UTF-16 unit, so the bytes decode to exactly that string). Slots hold id + 1
 * (0 = empty) and the full hash, so most probes of other ids end on an integer compare.
 */
export class AsciiIdIndex {
  private readonly slots = new HashSlotTable();
  /** The hash of the last run `find` looked up, for `remember`. */
  private lastHash = 0;

  /**
   * The id of the string in `buf[start, end)` if indexed; otherwise NOT_FOUND (then `remember`
   * its id) or NOT_INDEXABLE.
   */
  find(buf: Uint8Array, start: number, end: number, strings: readonly string[]): number {
    const length = end - start;
    if (length === 0 || length > MAX_INDEXED_BYTES) return NOT_INDEXABLE;
    let hash = FNV_OFFSET;
    let any = 0;
    for (let i = start; i < end; i++) {
      const byte = buf[i] as number;
      any |= byte;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    }
    if (any >= 0x80) return NOT_INDEXABLE;
    this.lastHash = hash;
    const { table, mask } = this.slots;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) return -1; // NOT_FOUND (a literal: imported constants cost a getter under tsx)
      if (table[2 * slot] === hash) {
        const s = strings[entry - 1] as string;
        if (s.length === length && sameAscii(s, buf, start)) return entry - 1;
      }
    }
  }

  /**
   * `find` for a string: the same table, the same hash (an ASCII string's char codes are its UTF-8
   * bytes), so an id interned from bytes is found by its string and the other way round.
   */
  findString(value: string, strings: readonly string[]): number {
    const length = value.length;
    if (length === 0 || length > MAX_INDEXED_BYTES) return NOT_INDEXABLE;
    let hash = FNV_OFFSET;
    let any = 0;
    for (let i = 0; i < length; i++) {
      const unit = value.charCodeAt(i);
      any |= unit;
      hash = Math.imul(hash ^ unit, FNV_PRIME);
    }
    if (any >= 0x80) return NOT_INDEXABLE;
    this.lastHash = hash;
    const { table, mask } = this.slots;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) return -1; // NOT_FOUND
      if (table[2 * slot] === hash && strings[entry - 1] === value) return entry - 1;
    }
  }

  /** Indexes `id` under the run of the last `find` or `findString`, which returned NOT_FOUND. */
  remember(id: number): void {
    this.slots.add(this.lastHash, id);
  }
}

function sameAscii(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
