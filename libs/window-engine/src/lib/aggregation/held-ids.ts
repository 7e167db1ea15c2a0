/** Buffer's native latin1 slicer, present since Node 6 (not in the typings). */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/** Entry: [length: 1 byte][hash: 4 bytes, little-endian][the ASCII bytes]. */
const ENTRY_HEADER = 5;

/**
 * Short ASCII ids kept as bytes, appended and never looked up: the ids of an IdDictionary that
 * are not interned yet (see IdDictionary.hold). Appending costs a short copy into memory that
 * was just written (in the CPU cache); interning costs a probe of a table of every id, which at
 * millions of users misses the cache on nearly every event (issue 14). An entry's place in the
 * arena is its name; its hash is kept so that comparing two entries, and interning one later,
 * reads no other memory. Append-only: the dictionary that owns it is replaced once it holds
 * `IdDictionaryRotation.maxHeldBytes`, and freed with its last user.
 */
export class HeldIds {
  /** A Buffer for its latin1 slicer (`stringAt`). */
  private arena = Buffer.alloc(1 << 16);
  private used = 0;

  /** Bytes held so far. */
  get byteLength(): number {
    return this.used;
  }

  /** Appends the ASCII run `buf[start, end)` (1 to 255 bytes) whose `asciiRunHash` is `hash`; returns where its entry sits. */
  hold(buf: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const at = this.used;
    if (at + ENTRY_HEADER + length > this.arena.length) {
      const grown = Buffer.alloc(Math.max(2 * this.arena.length, at + ENTRY_HEADER + length));
      this.arena.copy(grown, 0, 0, at);
      this.arena = grown;
    }
    const arena = this.arena;
    arena[at] = length;
    arena[at + 1] = hash & 0xff;
    arena[at + 2] = (hash >>> 8) & 0xff;
    arena[at + 3] = (hash >>> 16) & 0xff;
    arena[at + 4] = hash >>> 24;
    for (let i = 0; i < length; i++) arena[at + ENTRY_HEADER + i] = buf[start + i] as number;
    this.used = at + ENTRY_HEADER + length;
    return at;
  }

  /** Whether the entry at `at` holds the run `buf[start, end)` whose hash is `hash`. */
  matches(at: number, hash: number, buf: Uint8Array, start: number, end: number): boolean {
    // The hash first: distinct ids differ there nearly always, with no byte loop.
    if (this.hashAt(at) !== hash) return false;
    const arena = this.arena;
    const length = end - start;
    if (arena[at] !== length) return false;
    const from = at + ENTRY_HEADER;
    for (let i = 0; i < length; i++) if (arena[from + i] !== buf[start + i]) return false;
    return true;
  }

  hashAt(at: number): number {
    const arena = this.arena;
    return (arena[at + 1] as number) | ((arena[at + 2] as number) << 8) | ((arena[at + 3] as number) << 16) | ((arena[at + 4] as number) << 24);
  }

  /** The arena and the range of the entry's bytes (valid until the next `hold`). */
  get bytes(): Uint8Array {
    return this.arena;
  }

  bytesStart(at: number): number {
    return at + ENTRY_HEADER;
  }

  bytesEnd(at: number): number {
    return at + ENTRY_HEADER + (this.arena[at] as number);
  }

  /** The entry's id as a string: a fresh string each call. */
  stringAt(at: number): string {
    return (this.arena as unknown as Latin1Slice).latin1Slice(at + ENTRY_HEADER, this.bytesEnd(at));
  }

  /** Copies the entry's bytes to `out[pos..]`; returns the position after them. */
  copyBytes(at: number, out: Uint8Array, pos: number): number {
    const arena = this.arena;
    const from = at + ENTRY_HEADER;
    const length = arena[at] as number;
    for (let i = 0; i < length; i++) out[pos + i] = arena[from + i] as number;
    return pos + length;
  }
}
