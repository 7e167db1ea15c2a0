/**
 * Interns a pair of short ASCII strings, read from message bytes, to one ref that names both
 * strings and their composite key (e.g. page and country, and the window key of the pair). The
 * window engine's AsciiPairKeyIndex fits this shape.
 */
export interface PairKeyInterner {
  /**
   * The ref of the pair (`buf[firstStart, firstEnd)`, `buf[secondStart, secondEnd)`), interning it
   * on first sight, or -1 when the pair is not indexed (not ASCII, too long): then callers decode
   * the strings themselves. A ref is valid until the next call.
   */
  refOfBytes(buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number;
  first(ref: number): string;
  second(ref: number): string;
  /** The composite key of the pair (the same string object for the same pair while it is interned). */
  key(ref: number): string;
}
