/**
 * Interns a pair of short ASCII strings, read from message bytes, to one ref that names both
 * strings and their composite key (e.g. page and country, and the window key of the pair). The
 * window engine's AsciiPairKeyIndex fits this shape.
 */
export interface PairKeyInterner {
  /**
   * The ref of the pair (`buf[firstStart, firstEnd)`, `buf[secondStart, secondEnd)`), interning it
   * on first sight, or -1 when the pair is not indexed (not ASCII, too long): then callers decode
   * the strings themselves. A ref names its pair while `epoch` stays the same.
   */
  refOfBytes(buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number;
  first(ref: number): string;
  second(ref: number): string;
  /** The composite key of the pair: `first + separator + second`. */
  key(ref: number): string;
  readonly separator: string;
  /** Changes when the interner starts over: a ref names its pair only while this stays the same. */
  readonly epoch: number;
}
