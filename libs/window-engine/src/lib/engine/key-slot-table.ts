import { slotsFor } from '../hashing/hash-slot-table';

/** The largest slot a table takes: slot + 1 must fit an int32 (0 marks an empty entry). */
const MAX_SLOT = 0x7ffffffe;

/** Whether a table can remember `slot`: an integer in [0, MAX_SLOT]. */
export function isKeySlot(slot: number): boolean {
  return (slot | 0) === slot && slot >= 0 && slot <= MAX_SLOT;
}

const EMPTY = new Int32Array(0);

/**
 * A window's key slots (WindowEngineConfig.keySlotOf) to the position of their key: open addressing
 * over (slot + 1, position + 1) pairs in one Int32Array, kept at most half full. Sized by the
 * window's keys, not by the largest slot: slots may be sparse (a page number and a country number
 * side by side), and a window's table stays small enough for the CPU cache (26,000 keys: 512 KB).
 */
export class KeySlotTable {
  private table = EMPTY;
  /** Entries - 1, or -1 while empty. */
  private mask = -1;
  /** 32 - log2(entries): the multiplicative hash's top bits pick the entry. */
  private shift = 32;
  private count = 0;
  /** Entries of its first table (allocated with the first key). */
  private readonly firstEntries: number;

  /** `expectedKeys`: keys it is sized for from its first key on (no rehash up to them). */
  constructor(expectedKeys = 0) {
    this.firstEntries = slotsFor(expectedKeys);
  }

  /** The position + 1 remembered for `slot` (an isKeySlot), or 0. */
  get(slot: number): number {
    const mask = this.mask;
    if (mask < 0) return 0;
    const table = this.table;
    const tag = slot + 1;
    for (let i = Math.imul(slot, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const at = table[2 * i] as number;
      if (at === tag) return table[2 * i + 1] as number;
      if (at === 0) return 0;
    }
  }

  /** Remembers `position` for `slot` (an isKeySlot), replacing what it held. */
  set(slot: number, position: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    const table = this.table;
    const mask = this.mask;
    const tag = slot + 1;
    let i = Math.imul(slot, 0x9e3779b1) >>> this.shift;
    while (table[2 * i] !== 0 && table[2 * i] !== tag) i = (i + 1) & mask;
    if (table[2 * i] === 0) this.count++;
    table[2 * i] = tag;
    table[2 * i + 1] = position + 1;
  }

  private grow(): void {
    const old = this.table;
    const entries = Math.max(this.firstEntries, old.length); // old.length / 2 entries: twice as many
    this.table = new Int32Array(2 * entries);
    this.mask = entries - 1;
    this.shift = 32 - Math.log2(entries);
    for (let i = 0; i < old.length; i += 2) {
      const tag = old[i] as number;
      if (tag === 0) continue;
      let j = Math.imul(tag - 1, 0x9e3779b1) >>> this.shift;
      while (this.table[2 * j] !== 0) j = (j + 1) & this.mask;
      this.table[2 * j] = tag;
      this.table[2 * j + 1] = old[i + 1] as number;
    }
  }
}
