import type { JsonValue } from './json-value';
import type { KeyState } from '../engine/window-state';
import type { SnapshotStrings } from '../snapshot/snapshot-strings';

/**
 * One measure over a window's events. New measures plug in without touching the engine.
 *
 * `add` returns the accumulator so immutable ones (a number) work; mutable ones may return the
 * same object. Methods, not function properties, so a specific Aggregation<Click, number, number>
 * fits a generic slot (method parameters are checked bivariantly).
 */
export interface Aggregation<In, Acc, Out> {
  create(): Acc;
  add(acc: Acc, input: In): Acc;
  /** Must not hand out a mutable accumulator itself: a fired pane would change with later events. */
  result(acc: Acc): Out;
  /** Strings many accumulators share (ids) go in `strings` once; the snapshot holds their indexes. */
  snapshotAcc(acc: Acc, strings: SnapshotStrings): JsonValue;
  /** Inverse of snapshotAcc, `strings` being that snapshot's `strings.list`; throws WindowSnapshotError on a malformed value. */
  restoreAcc(snapshot: JsonValue, strings: readonly string[]): Acc;
  /**
   * Optional: the accumulators of one window as one value (columns, not an array: an array is
   * read back as a value per key), in place of a value per key.
   * At 100,000 open keys a value per key was two arrays per key at every checkpoint, most of a
   * checkpoint's garbage and of its peak memory (issue 15). Needs `restoreAccs`.
   */
  snapshotAccs?(accs: readonly Acc[], strings: SnapshotStrings): JsonValue;
  /** Inverse of snapshotAccs for `count` accumulators; throws WindowSnapshotError on a malformed value. */
  restoreAccs?(snapshot: JsonValue, count: number, strings: readonly string[]): Acc[];
  /**
   * Optional: the state of the key of `input` (its `key` must be the engine's keyOf(input), which
   * it may make only when read; `key` is that key when the engine has made it already, and the
   * state must then take it: a window that finds keys by string indexes the state under it) and
   * its first accumulator as one object (fresh, as `create`'s), whose `acc` is the object itself,
   * with hasAcc true, nextPane 0, pendingLate false, held 0 and the given seq; `input` is then added
   * to it with `add`. At 20,000 pages a window's key sees a few
   * events: a key state and an accumulator were two objects to allocate and two cache misses per
   * event, and a key string made or looked up per key and window was most of the rest (issue 14).
   * Needs `clearAcc`: after a discarding pane the engine empties the object with it (so what it
   * held is freed, as a dropped accumulator would be) and takes later events into one from `create`.
   */
  createKeyState?(input: In, seq: number, key: string | undefined): KeyState<Acc>;
  /** Drops everything an accumulator made by `createKeyState` holds (see there). */
  clearAcc?(acc: Acc): void;
}
