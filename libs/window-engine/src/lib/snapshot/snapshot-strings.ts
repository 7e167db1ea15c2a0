import { isHeldRef, type IdDictionary } from '../aggregation/id-dictionary';

/** Index + 1 per id of one dictionary; 0 = not in the table yet. */
type Indexes = { readonly dictionary: IdDictionary; indexes: Int32Array };

/**
 * The strings of one snapshot, each written once; accumulators refer to them by index. A user id
 * is in the distinct users of every key it clicked in a window: written as a string per key, the
 * checkpoint made and escaped a string per (key, user), the largest part of a live aggregator's
 * checkpoint cost. Here it is one string per user and a small integer per (key, user).
 */
export class SnapshotStrings {
  readonly list: string[] = [];
  private readonly tables: Indexes[] = [];
  /** Held refs' strings (IdDictionary.hold) by string: a held ref names one entry of one key, not a user. */
  private readonly heldIndexes = new Map<string, number>();
  private last: Indexes | undefined;

  /**
   * The index in `list` of `dictionary`'s id or held ref, adding its string on first use. Held refs
   * of one user in different keys are different numbers: they are matched by their string (one
   * Map lookup per held ref, against a string per (key, user) written without it).
   */
  indexOfInterned(dictionary: IdDictionary, id: number): number {
    if (isHeldRef(id)) return this.indexOfHeld(dictionary.stringOf(id));
    const table = this.last?.dictionary === dictionary ? this.last : this.tableOf(dictionary);
    if (id >= table.indexes.length) this.grow(table, id);
    const known = table.indexes[id] as number;
    if (known !== 0) return known - 1;
    const index = this.list.length;
    this.list.push(dictionary.stringOf(id));
    table.indexes[id] = index + 1;
    return index;
  }

  private indexOfHeld(value: string): number {
    const known = this.heldIndexes.get(value);
    if (known !== undefined) return known;
    const index = this.list.length;
    this.list.push(value);
    this.heldIndexes.set(value, index);
    return index;
  }

  private tableOf(dictionary: IdDictionary): Indexes {
    let table = this.tables.find((t) => t.dictionary === dictionary);
    if (table === undefined) {
      table = { dictionary, indexes: new Int32Array(dictionary.size) };
      this.tables.push(table);
    }
    this.last = table;
    return table;
  }

  /** Room for `id`: the dictionary grew since the table was sized (it is not fed during a snapshot, but nothing here relies on that). */
  private grow(table: Indexes, id: number): void {
    const grown = new Int32Array(Math.max(id + 1, table.indexes.length * 2));
    grown.set(table.indexes);
    table.indexes = grown;
  }
}
