import { HashSlotTable, slotOf } from '../hashing/hash-slot-table';

// `| 0`: as int32 constants the hash loop stays in integer registers.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193 | 0;
/** Mixed in between the two runs, so ("ab", "c") and ("a", "bc") hash apart. */
const BETWEEN = 0x100;

/** Longer runs are not indexed (bounds the per-lookup work); callers fall back to their strings. */
export const MAX_PAIR_PART_BYTES = 256;
/** Default bound on interned pairs; see the class doc. */
export const DEFAULT_MAX_PAIR_KEYS = 1 << 20;

/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/**
 * From the bytes of two short ASCII runs (a page and a country) to the pair's strings and its
 * composite key `first + separator + second`, in one hash probe: no string made per event.
 *
 * Why: the window key was found through a page string cache, a country string cache and a two-level
 * Map from the two strings to the key; at 20,000 pages and 3,000,000 users those were four scattered
 * lookups per event, each a likely cache miss (issue 14). One open-addressing table of (hash, ref)
 * pairs replaces them; a hit is confirmed byte by byte against the interned strings, so the result
 * is exact (ASCII only, where one byte is one UTF-16 unit).
 *
 * Bounded: at `maxKeys` pairs it starts over (keys are plain strings, so nothing that holds one is
 * affected; the next events re-intern their pairs). Memory per pair: the key string (its parts'
 * length + ~20 bytes), one slot in each of three arrays and two table slots (~40 bytes); the parts
 * (pages, countries) are shared between pairs.
 */
export class AsciiPairKeyIndex {
  private slots = new HashSlotTable();
  private firsts: string[] = [];
  private seconds: string[] = [];
  private keys: string[] = [];
  /** One string per distinct first part, shared by its pairs; the same for second parts. */
  private sharedFirsts = new Map<string, string>();
  private sharedSeconds = new Map<string, string>();
  private starts = 0;

  constructor(
    readonly separator: string,
    readonly maxKeys = DEFAULT_MAX_PAIR_KEYS,
  ) {
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a positive integer, saw ${maxKeys}`);
  }

  /** Number of interned pairs. */
  get size(): number {
    return this.keys.length;
  }

  /** How many times it started over: a pair keeps its ref until this changes. */
  get epoch(): number {
    return this.starts;
  }

  refOfBytes(buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    const firstLength = firstEnd - firstStart;
    const secondLength = secondEnd - secondStart;
    if (firstLength > MAX_PAIR_PART_BYTES || secondLength > MAX_PAIR_PART_BYTES) return -1;
    let hash = FNV_OFFSET;
    let any = 0;
    for (let i = firstStart; i < firstEnd; i++) {
      const byte = buf[i] as number;
      any |= byte;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    }
    hash = Math.imul(hash ^ BETWEEN, FNV_PRIME);
    for (let i = secondStart; i < secondEnd; i++) {
      const byte = buf[i] as number;
      any |= byte;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    }
    if (any >= 0x80) return -1;
    const { table, mask } = this.slots;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) break;
      if (table[2 * slot] !== hash) continue;
      const ref = entry - 1;
      const first = this.firsts[ref] as string;
      const second = this.seconds[ref] as string;
      if (first.length === firstLength && second.length === secondLength && sameAscii(first, buf, firstStart) && sameAscii(second, buf, secondStart)) return ref;
    }
    return this.add(hash, buf as Buffer, firstStart, firstEnd, secondStart, secondEnd);
  }

  first(ref: number): string {
    return this.firsts[ref] as string;
  }

  second(ref: number): string {
    return this.seconds[ref] as string;
  }

  key(ref: number): string {
    return this.keys[ref] as string;
  }

  private add(hash: number, buf: Buffer, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    if (this.keys.length >= this.maxKeys) this.clear();
    const sliced = (buf as unknown as Latin1Slice).latin1Slice(firstStart, firstEnd);
    let first = this.sharedFirsts.get(sliced);
    if (first === undefined) {
      first = sliced;
      this.sharedFirsts.set(first, first);
    }
    const secondSliced = (buf as unknown as Latin1Slice).latin1Slice(secondStart, secondEnd);
    let second = this.sharedSeconds.get(secondSliced);
    if (second === undefined) {
      second = secondSliced;
      this.sharedSeconds.set(second, second);
    }
    const ref = this.keys.length;
    this.firsts.push(first);
    this.seconds.push(second);
    this.keys.push(first + this.separator + second);
    this.slots.add(hash, ref);
    return ref;
  }

  private clear(): void {
    this.starts++;
    this.slots = new HashSlotTable();
    this.firsts = [];
    this.seconds = [];
    this.keys = [];
    this.sharedFirsts = new Map();
    this.sharedSeconds = new Map();
  }
}

function sameAscii(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
