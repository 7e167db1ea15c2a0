/**
 * Interns user ids to integers; the window engine's IdDictionary fits this shape. The decoder
 * interns from the message bytes, so an event reaches the engine with its user as an integer and
 * no fresh user_id string is made per event.
 */
export interface UserIdInterner {
  /** The id of the UTF-8 string in `buf[start, end)`, interning it on first sight. */
  idOfBytes(buf: Buffer, start: number, end: number): number;
  /** The id of `value`, interning it on first sight; agrees with `idOfBytes`. */
  idOf(value: string): number;
  /** The string interned as `id`. */
  stringOf(id: number): string;
}

/** Where the current interner comes from; it may be replaced (e.g. a full dictionary rotates). */
export interface UserIdInterners {
  readonly current: UserIdInterner;
}
