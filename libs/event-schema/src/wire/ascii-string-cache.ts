/** Buffer's native slicers; not in @types/node, but present since Node 6 (avsc relies on utf8Slice). */
interface NativeSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

// `| 0`: as int32 constants the hash loop stays in integer registers (as raw doubles it ran ~2x slower).
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193 | 0;

/** `buf[start, end)` decoded as UTF-8, exactly as avsc's Tap.readString does it. */
export function utf8Slice(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as NativeSlices).utf8Slice(start, end);
}

/**
 * A bounded, direct-mapped cache from short ASCII byte runs to the strings they decode to.
 *
 * Why: decoding a string costs a native call (~40 ns) and a fresh heap string per field per
 * event; the window engine then hashes each fresh string again for its Map/Set lookups, and the
 * strings it keeps are promoted by the GC. Pages, countries, referrers and (active) user ids
 * repeat a lot, so returning the same string object for the same bytes skips the native call, the
 * allocation and the re-hash (V8 caches a string's hash in the string itself).
 *
 * Exact by construction: a hit is confirmed byte by byte against the cached string, and only
 * ASCII runs are cached, where one byte is one UTF-16 unit and latin1 decoding equals UTF-8
 * decoding. Anything else (non-ASCII, longer than `maxLength`) is decoded with utf8Slice as
 * before. Each run has two candidate slots (two hashes); a miss takes the first and moves its
 * previous string to the second, so two hot runs that share a slot do not evict each other on
 * every event. Memory stays bounded by `slots * maxLength`
 * characters whatever the input.
 */
export class AsciiStringCache {
  private readonly strings: (string | undefined)[];
  private readonly mask: number;
  private readonly shift: number;

  /** `slots` is rounded up to a power of two (at least 2). */
  constructor(
    slots: number,
    readonly maxLength: number,
  ) {
    const bits = Math.max(1, Math.ceil(Math.log2(Math.max(2, slots))));
    this.strings = new Array<string | undefined>(2 ** bits).fill(undefined);
    this.mask = 2 ** bits - 1;
    this.shift = 32 - bits;
  }

  /** The string `buf[start, end)` decodes to as UTF-8 (equal to utf8Slice, often the same object). */
  read(buf: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length === 0) return '';
    if (length > this.maxLength) return utf8Slice(buf, start, end);
    let hash = FNV_OFFSET;
    let any = 0;
    for (let i = start; i < end; i++) {
      const byte = buf[i] as number;
      any |= byte;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    }
    if (any >= 0x80) return utf8Slice(buf, start, end);
    const strings = this.strings;
    const first = (hash ^ (hash >>> 16)) & this.mask;
    const a = strings[first];
    if (a !== undefined && a.length === length && sameAscii(a, buf, start)) return a;
    const second = Math.imul(hash, 0x9e3779b1 | 0) >>> this.shift;
    const b = strings[second];
    if (b !== undefined && b.length === length && sameAscii(b, buf, start)) return b;
    const fresh = (buf as unknown as NativeSlices).latin1Slice(start, end);
    if (a === undefined) {
      strings[first] = fresh;
    } else {
      if (second !== first) strings[second] = a;
      strings[first] = fresh;
    }
    return fresh;
  }
}

function sameAscii(s: string, buf: Buffer, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
