import { WindowSnapshotError } from '../errors/window-snapshot-error';
import type { Aggregation } from './aggregation';
import { heldHashOf, type IdDictionary } from './id-dictionary';
import { IdDictionaryRotation } from './id-dictionary-rotation';
import type { JsonValue } from './json-value';
import type { SnapshotStrings } from '../snapshot/snapshot-strings';

/** Exact distinct count plus the ids themselves, so partial rows can be merged exactly downstream. */
export interface UniqueCount {
  readonly count: number;
  /**
   * In first-seen order: deterministic for a given input order (and kept across snapshots). Not
   * sorted: sorting every window's ids at firing cost about 50 ns per event in our benchmark, and
   * the downstream exact merge does not care about order.
   */
  readonly ids: string[];
}

const NO_IDS: number[] = [];

/** Compaction starts only from this many appended ids, so tiny accumulators are not compacted on every add. */
const MIN_COMPACT_LENGTH = 8;

/**
 * Distinct ids an accumulator fed by `addBytes` keeps as held refs (IdDictionary.hold), told apart
 * by their bytes; with one more it interns them all. At 20,000 pages and millions of users most
 * keys see fewer users than this per window, so their users are never looked up in the
 * dictionary's table of every user, whose probe missed the CPU cache on nearly every event (issue 14).
 */
const MAX_HELD = 8;

/**
 * The distinct ids of one key in one window, as dictionary integers in first-seen order.
 *
 * Why not a hash set per accumulator: with thousands of keys, each event's set is cold in the
 * CPU cache, and a hash insert touches several scattered cache lines. Here an event appends to
 * the accumulator's array (one line, often already cached) and duplicates are dropped in batches:
 * `compact` runs once the array has doubled since the last pass, so each id is visited O(1) times
 * amortised, and the pass uses the dictionary's stamp array instead of hashing. `ids[0, unique)`
 * is always duplicate-free; the array never holds more than twice the distinct ids plus a few. A
 * single id needs no array (`single`).
 *
 * Ids may also be held refs (see MAX_HELD): then every entry is one (`holding`), the entries are
 * always distinct (each `addBytes` compares bytes with the few there are) and no compaction runs.
 */
export class UniqueIds {
  /**
   * Starts as the shared empty array (never written) and stays so while the accumulator holds one
   * id, kept in `single`: most keys of a long-tailed page x country space see one user in a window,
   * and an array per key was 56 bytes of state and garbage each (100k open keys: issue 15).
   */
  ids: number[] = NO_IDS;
  /** The distinct ids: ids[0, unique), later entries may repeat anything; `single` when ids is empty and unique is 1. */
  unique = 0;
  private single = 0;
  /** Entries are held refs, not interned ids (only while unique <= MAX_HELD). */
  private holding = false;

  constructor(readonly dictionary: IdDictionary) {}

  add(value: string): void {
    this.addId(this.dictionary.idOf(value));
  }

  /** Adds an id already interned in this accumulator's `dictionary`. */
  addId(id: number): void {
    if (this.holding) this.internHeld();
    const ids = this.ids;
    if (ids === NO_IDS) {
      if (this.unique === 0) {
        this.single = id;
        this.unique = 1;
      } else if (id !== this.single) {
        this.ids = [this.single, id];
        this.unique = 2;
      }
      return;
    }
    const length = ids.push(id);
    if (length >= MIN_COMPACT_LENGTH && length >= 2 * this.unique) this.compact();
  }

  /**
   * Adds the id whose UTF-8 is `buf[start, end)` (e.g. where a message holds it): kept as a held
   * ref while the accumulator has at most MAX_HELD distinct ids (and its dictionary `canHold`), else
   * interned from the bytes. No
   * string is made either way (unless the id is not short ASCII).
   */
  addBytes(buf: Buffer, start: number, end: number): void {
    const dictionary = this.dictionary;
    if (this.unique > 0 && !this.holding) {
      this.addId(dictionary.idOfBytes(buf, start, end));
      return;
    }
    const hash = heldHashOf(buf, start, end);
    if (hash === undefined || !dictionary.canHold) {
      this.addId(dictionary.idOfBytes(buf, start, end));
      return;
    }
    if (this.unique === 0) {
      this.single = dictionary.hold(buf, start, end, hash);
      this.unique = 1;
      this.holding = true;
      return;
    }
    const ids = this.ids;
    if (ids === NO_IDS) {
      if (!dictionary.heldMatches(this.single, hash, buf, start, end)) {
        this.ids = [this.single, dictionary.hold(buf, start, end, hash)];
        this.unique = 2;
      }
      return;
    }
    for (let i = 0; i < ids.length; i++) if (dictionary.heldMatches(ids[i] as number, hash, buf, start, end)) return;
    if (ids.length < MAX_HELD) {
      ids.push(dictionary.hold(buf, start, end, hash));
      this.unique++;
      return;
    }
    this.addId(dictionary.idOfBytes(buf, start, end));
  }

  /** Interns the held refs (distinct strings, so distinct ids): the accumulator holds interned ids from now on. */
  private internHeld(): void {
    const dictionary = this.dictionary;
    this.holding = false;
    if (this.ids === NO_IDS) {
      if (this.unique === 1) this.single = dictionary.internHeld(this.single);
      return;
    }
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) ids[i] = dictionary.internHeld(ids[i] as number);
  }

  /** Drops repeats, keeping first occurrences in order. */
  compact(): void {
    const ids = this.ids;
    const length = ids.length;
    if (this.unique === length || ids === NO_IDS) return;
    const stamp = this.dictionary.stamp;
    const epoch = this.dictionary.nextEpoch();
    for (let i = 0; i < this.unique; i++) stamp[ids[i] as number] = epoch;
    let kept = this.unique;
    for (let i = this.unique; i < length; i++) {
      const id = ids[i] as number;
      if (stamp[id] !== epoch) {
        stamp[id] = epoch;
        ids[kept++] = id;
      }
    }
    ids.length = kept;
    this.unique = kept;
  }

  /**
   * The i-th distinct id in first-seen order (i < unique), read in place: call `compact()` first.
   * No array is made (a pane writer copies the ids' bytes from here).
   */
  distinctAt(i: number): number {
    return this.ids === NO_IDS ? this.single : (this.ids[i] as number);
  }

  /** The distinct ids, in first-seen order (a fresh array). */
  distinct(): number[] {
    if (this.ids === NO_IDS) return this.unique === 0 ? [] : [this.single];
    this.compact();
    return this.ids.slice();
  }

  /** The distinct ids as strings, in first-seen order (a fresh array). */
  values(): string[] {
    return this.distinct().map((id) => this.dictionary.stringOf(id));
  }

  /** The distinct ids as indexes into a snapshot's `strings`, in first-seen order. */
  snapshotRefs(strings: SnapshotStrings): number[] {
    const out = this.distinct();
    for (let i = 0; i < out.length; i++) out[i] = strings.indexOfInterned(this.dictionary, out[i] as number);
    return out;
  }

  /**
   * Appends the number of distinct ids, then each as an index into the snapshot's `strings`, to
   * `out` (a column of many accumulators; see `restoreRefsFrom`). No array per accumulator.
   */
  snapshotRefsInto(strings: SnapshotStrings, out: number[]): void {
    this.compact();
    out.push(this.unique);
    for (let i = 0; i < this.unique; i++) out.push(strings.indexOfInterned(this.dictionary, this.distinctAt(i)));
  }

  /**
   * Checks the ids `snapshotRefsInto` wrote at `column[at]` (a count, then indexes into `strings`)
   * without interning anything; returns the position after them. Throws WindowSnapshotError (at
   * `path`) on anything else. Check a whole column before restoring any of it, so that a refused
   * snapshot leaves the shared dictionary as it was.
   */
  static checkRefsAt(column: readonly unknown[], at: number, strings: readonly string[], path: string): number {
    const count = column[at];
    if (!(typeof count === 'number' && Number.isInteger(count) && count >= 0 && at + 1 + count <= column.length)) {
      throw new WindowSnapshotError(`${path}[${at}]`, count, `must be a count of ids that the column still holds (${column.length - at - 1} entries left)`);
    }
    for (let i = at + 1; i <= at + count; i++) {
      const entry = column[i];
      if (!(typeof entry === 'number' && Number.isInteger(entry) && entry >= 0 && entry < strings.length)) {
        throw new WindowSnapshotError(`${path}[${i}]`, entry, `must be an index below ${strings.length} into the snapshot's strings`);
      }
    }
    return at + 1 + count;
  }

  /** Adds the ids at `column[at]` (see checkRefsAt, which it runs first); returns the position after them. */
  restoreRefsFrom(column: readonly unknown[], at: number, strings: readonly string[], path: string): number {
    const next = UniqueIds.checkRefsAt(column, at, strings, path);
    for (let i = at + 1; i < next; i++) this.add(strings[column[i] as number] as string);
    this.compact();
    return next;
  }

  /** Forgets every id (the dictionary stays): an accumulator that is also a key's state, emptied after a discarding pane. */
  clear(): void {
    this.ids = NO_IDS;
    this.unique = 0;
    this.single = 0;
    this.holding = false;
  }

  /**
   * Adds the ids of a snapshot: indexes into the snapshot's `strings` (snapshotRefs), or the ids
   * themselves (snapshots of format v1). Throws WindowSnapshotError on anything else.
   */
  restore(snapshot: JsonValue, strings: readonly string[]): void {
    if (!Array.isArray(snapshot)) throw new WindowSnapshotError('uniqueCount', snapshot, 'must be an array');
    // All checked before any is interned: a refused snapshot leaves the shared dictionary as it was.
    for (const entry of snapshot) {
      if (typeof entry !== 'string' && !(typeof entry === 'number' && Number.isInteger(entry) && entry >= 0 && entry < strings.length)) {
        throw new WindowSnapshotError('uniqueCount', entry, `must be a string or an index below ${strings.length} into the snapshot's strings`);
      }
    }
    for (const entry of snapshot) this.add(typeof entry === 'string' ? entry : (strings[entry as number] as string));
    this.compact();
  }
}

export interface UniqueCountOptions<In> {
  /**
   * New accumulators start on a fresh dictionary once the current one holds this many ids (see
   * IdDictionaryRotation). Default 2^17. Ignored when `dictionaries` is given.
   */
  readonly maxDictionaryIds?: number;
  /** The dictionaries to intern into; pass the one a decoder interns into (see `internedIdOf`). */
  readonly dictionaries?: IdDictionaryRotation;
  /**
   * For inputs whose id a decoder already interned: the id in `dictionary` (never a held ref), or
   * -1 when the input carries none for that dictionary (then `idOf` is interned as usual). Saves the string lookup.
   */
  readonly internedIdOf?: (input: In, dictionary: IdDictionary) => number;
}

/**
 * Exact unique count over a string field, e.g. unique users per window and key.
 *
 * Ids are interned to integers in a dictionary shared by this measure's accumulators (see
 * IdDictionary and UniqueIds for why); results carry the strings, unchanged, and snapshots refer
 * to them in the snapshot's string table.
 */
export function uniqueCountMeasure<In>(idOf: (input: In) => string, options: UniqueCountOptions<In> = {}): Aggregation<In, UniqueIds, UniqueCount> {
  const dictionaries = options.dictionaries ?? new IdDictionaryRotation(options.maxDictionaryIds);
  const internedIdOf = options.internedIdOf;
  const create = (): UniqueIds => new UniqueIds(dictionaries.current);
  const add =
    internedIdOf === undefined
      ? (acc: UniqueIds, input: In) => {
          acc.add(idOf(input));
          return acc;
        }
      : (acc: UniqueIds, input: In) => {
          const id = internedIdOf(input, acc.dictionary);
          if (id >= 0) acc.addId(id);
          else acc.add(idOf(input));
          return acc;
        };
  return {
    create,
    add,
    result: (acc) => {
      const ids = acc.values();
      return { count: ids.length, ids };
    },
    snapshotAcc: (acc, strings) => acc.snapshotRefs(strings),
    restoreAcc: (snapshot, strings) => {
      const acc = create();
      acc.restore(snapshot, strings);
      return acc;
    },
  };
}
