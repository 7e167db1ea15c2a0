/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/** Entry: [length: 1 byte][hash: 4 bytes, little-endian][the ASCII bytes]. */
const ENTRY_HEADER = 5;
/** Chunk size (a power of two): an entry (at most 5 + 255 bytes) never spans two chunks. */
const CHUNK_BITS = 18;
const CHUNK_BYTES = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK_BYTES - 1;
/** Entries of the table of recent holds (a power of two): 32 KiB, within the CPU cache. */
const RECENT_BITS = 12;
const RECENT_MASK = (1 << RECENT_BITS) - 1;
/** Places are below this (128 MiB of entries): a held ref keeps its place in 27 bits (IdDictionary.hold). */
export const MAX_HELD_PLACES = 1 << 27;
/** The largest entry (header and 255 bytes): `full` leaves room for one. */
const MAX_ENTRY_BYTES = ENTRY_HEADER + 255;

/**
 * Short ASCII ids kept as bytes, appended and never looked up: the ids of an IdDictionary that
 * are not interned yet (see IdDictionary.hold). Appending costs a short copy into memory that
 * was just written (in the CPU cache); interning costs a probe of a table of every id, which at
 * millions of users misses the cache on nearly every event (issue 14). An entry's place is its
 * name (chunk * CHUNK_BYTES + offset); its hash is kept so that comparing two entries, and
 * interning one later, reads no other memory. In chunks of 256 KiB, so growing copies nothing and
 * leaves no outgrown buffer behind. Append-only: the dictionary that owns it is replaced once it
 * holds `IdDictionaryRotation.maxHeldBytes`, and freed with its last user.
 *
 * A run held again soon after is not appended again: a direct-mapped table of recent holds (by
 * hash, 4,096 entries, compared by hash first, then bytes) gives the earlier entry. Without it a
 * user active on many keys was one entry per key (100,000 open keys of one user: 12 MB of copies,
 * issue 15); with it, a place may be shared by several holders, which is safe as entries never change.
 */
export class HeldIds {
  /** Buffers for their latin1 slicer (`stringAt`). */
  private readonly chunks: Buffer[] = [];
  private chunk: Buffer = Buffer.alloc(0);
  /** Where the next entry goes, and where the current chunk ends (both as entry places). */
  private next = 0;
  private chunkEnd = 0;
  private used = 0;
  /** (hash, place + 1) of the last hold per hash & RECENT_MASK; place + 1 = 0: none. */
  private readonly recent = new Int32Array(2 << RECENT_BITS);

  /** `maxPlaces`: entries start below it (at most MAX_HELD_PLACES); once `full`, nothing more is held. */
  constructor(private readonly maxPlaces = MAX_HELD_PLACES) {
    if (!Number.isInteger(maxPlaces) || maxPlaces < CHUNK_BYTES || maxPlaces > MAX_HELD_PLACES) {
      throw new RangeError(`maxPlaces must be an integer in [${CHUNK_BYTES}, ${MAX_HELD_PLACES}], saw ${maxPlaces}`);
    }
  }

  /** Whether `hold` may no longer be called: the longest entry fits neither the current chunk nor one more below `maxPlaces`. */
  get full(): boolean {
    // chunkEnd is where the next chunk would start.
    return this.next + MAX_ENTRY_BYTES > this.chunkEnd && this.chunkEnd + CHUNK_BYTES > this.maxPlaces;
  }

  /** Bytes held so far. */
  get byteLength(): number {
    return this.used;
  }

  /**
   * Appends the ASCII run `buf[start, end)` (1 to 255 bytes) whose `asciiRunHash` is `hash`, unless
   * a recent hold has the same bytes; returns where its entry sits. Not when `full`.
   */
  hold(buf: Uint8Array, start: number, end: number, hash: number): number {
    const recent = this.recent;
    const r = 2 * (hash & RECENT_MASK);
    if (recent[r] === hash && recent[r + 1] !== 0 && this.matches((recent[r + 1] as number) - 1, hash, buf, start, end)) return (recent[r + 1] as number) - 1;
    const length = end - start;
    let at = this.next;
    if (at + ENTRY_HEADER + length > this.chunkEnd) {
      // A fresh chunk (the rest of the last one stays unused).
      at = this.chunks.length * CHUNK_BYTES;
      // A place past the bound would run into a held ref's fingerprint bits (IdDictionary): callers check `full` first.
      if (at + CHUNK_BYTES > this.maxPlaces) throw new RangeError(`held ids are full (${this.maxPlaces} bytes of places): check \`full\` before holding`);
      this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      this.chunks.push(this.chunk);
      this.chunkEnd = at + CHUNK_BYTES;
    }
    const chunk = this.chunk;
    const o = at & IN_CHUNK;
    chunk[o] = length;
    chunk[o + 1] = hash & 0xff;
    chunk[o + 2] = (hash >>> 8) & 0xff;
    chunk[o + 3] = (hash >>> 16) & 0xff;
    chunk[o + 4] = hash >>> 24;
    for (let i = 0; i < length; i++) chunk[o + ENTRY_HEADER + i] = buf[start + i] as number;
    this.next = at + ENTRY_HEADER + length;
    this.used += ENTRY_HEADER + length;
    recent[r] = hash;
    recent[r + 1] = at + 1;
    return at;
  }

  /** Whether the entry at `at` holds the run `buf[start, end)` whose hash is `hash`. */
  matches(at: number, hash: number, buf: Uint8Array, start: number, end: number): boolean {
    // The hash first: distinct ids differ there nearly always, with no byte loop.
    if (this.hashAt(at) !== hash) return false;
    const chunk = this.chunks[at >>> CHUNK_BITS] as Buffer;
    const o = at & IN_CHUNK;
    const length = end - start;
    if (chunk[o] !== length) return false;
    for (let i = 0; i < length; i++) if (chunk[o + ENTRY_HEADER + i] !== buf[start + i]) return false;
    return true;
  }

  /** Whether the entry at `at` holds `value` (unit for byte: an ASCII string's units are its bytes). */
  matchesString(at: number, value: string): boolean {
    const chunk = this.chunks[at >>> CHUNK_BITS] as Buffer;
    const o = at & IN_CHUNK;
    const length = chunk[o] as number;
    if (value.length !== length) return false;
    for (let i = 0; i < length; i++) if (chunk[o + ENTRY_HEADER + i] !== value.charCodeAt(i)) return false;
    return true;
  }

  hashAt(at: number): number {
    const chunk = this.chunks[at >>> CHUNK_BITS] as Buffer;
    const o = at & IN_CHUNK;
    return (chunk[o + 1] as number) | ((chunk[o + 2] as number) << 8) | ((chunk[o + 3] as number) << 16) | ((chunk[o + 4] as number) << 24);
  }

  /** The buffer holding the entry's bytes, at [bytesStart(at), bytesEnd(at)). */
  bytesOf(at: number): Uint8Array {
    return this.chunks[at >>> CHUNK_BITS] as Buffer;
  }

  bytesStart(at: number): number {
    return (at & IN_CHUNK) + ENTRY_HEADER;
  }

  bytesEnd(at: number): number {
    const o = at & IN_CHUNK;
    return o + ENTRY_HEADER + ((this.chunks[at >>> CHUNK_BITS] as Buffer)[o] as number);
  }

  /** The entry's id as a string: a fresh string each call. */
  stringAt(at: number): string {
    return (this.chunks[at >>> CHUNK_BITS] as unknown as Latin1Slice).latin1Slice(this.bytesStart(at), this.bytesEnd(at));
  }

  /** Copies the entry's bytes to `out[pos..]`; returns the position after them. */
  copyBytes(at: number, out: Uint8Array, pos: number): number {
    const chunk = this.chunks[at >>> CHUNK_BITS] as Buffer;
    const o = at & IN_CHUNK;
    const length = chunk[o] as number;
    const from = o + ENTRY_HEADER;
    for (let i = 0; i < length; i++) out[pos + i] = chunk[from + i] as number;
    return pos + length;
  }
}
