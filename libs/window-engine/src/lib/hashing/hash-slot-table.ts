/**
 * Open-addressing slots for the byte-keyed lookups (AsciiIdIndex, SnapshotStrings' held users): pairs
 * (32-bit hash, ref + 1) side by side in one Int32Array, so a probe touches one cache line and most
 * probes of other entries end on an integer compare; ref + 1 = 0 is an empty slot. Linear probing
 * from `slotOf(hash)`, kept at most half full. The users run their own probe loops over `table`
 * and `mask` (their hot paths, each with its own exact compare); adding goes through here.
 */
export class HashSlotTable {
  table: Int32Array;
  /** Slot count - 1. */
  mask: number;
  private count = 0;

  /** `expected`: entries it is sized for from the start (at least 1,024 slots), so filling it to that many does not rehash. */
  constructor(expected = 0) {
    const slots = slotsFor(expected);
    this.table = new Int32Array(2 * slots);
    this.mask = slots - 1;
  }

  /** Indexes `ref` under `hash`; the caller has probed and found no entry for it. */
  add(hash: number, ref: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.insert(hash, ref);
    this.count++;
  }

  private insert(hash: number, ref: number): void {
    const mask = this.mask;
    let slot = slotOf(hash, mask);
    while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = ref + 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i + 1] as number;
      if (entry !== 0) this.insert(old[i] as number, entry - 1);
    }
  }
}

/** The power of two of at least 1,024 slots that holds `entries` at most half full. */
export function slotsFor(entries: number): number {
  let slots = 1024;
  while (slots < 2 * entries) slots *= 2;
  return slots;
}

/** The first slot to probe for `hash`: its high bits folded in, as FNV's low bits are weak. */
export function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}
