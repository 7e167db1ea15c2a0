import { isHeldRef, type IdDictionary } from '../aggregation/id-dictionary';
import { HashSlotTable, slotOf } from '../hashing/hash-slot-table';

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
  /**
   * Held refs' strings (IdDictionary.hold) by the hash they were held with: (hash, index in `list`).
   * A held ref names one entry of one key, not a user, so refs are matched by their bytes; a string
   * is made only for a user not in `list` yet.
   */
  private readonly held = new HashSlotTable();
  private last: Indexes | undefined;

  /**
   * The index in `list` of `dictionary`'s id or held ref, adding its string on first use. Held refs
   * of one user in different keys are different numbers: they are matched by their bytes.
   */
  indexOfInterned(dictionary: IdDictionary, id: number): number {
    if (isHeldRef(id)) return this.indexOfHeld(dictionary, id);
    const table = this.last?.dictionary === dictionary ? this.last : this.tableOf(dictionary);
    if (id >= table.indexes.length) this.grow(table, id);
    const known = table.indexes[id] as number;
    if (known !== 0) return known - 1;
    const index = this.list.length;
    this.list.push(dictionary.stringOf(id));
    table.indexes[id] = index + 1;
    return index;
  }

  private indexOfHeld(dictionary: IdDictionary, ref: number): number {
    const hash = dictionary.heldHash(ref);
    const { table, mask } = this.held;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] as number;
      if (entry === 0) break;
      if (table[2 * slot] === hash && dictionary.heldIs(ref, this.list[entry - 1] as string)) return entry - 1;
    }
    const index = this.list.length;
    this.list.push(dictionary.stringOf(ref));
    this.held.add(hash, index);
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
