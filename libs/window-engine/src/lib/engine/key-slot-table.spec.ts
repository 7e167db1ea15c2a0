import fc from 'fast-check';
import { isKeySlot, KeySlotTable } from './key-slot-table';

describe('KeySlotTable', () => {
  it('remembers the last position set for each slot, sparse slots and growth included (property)', () => {
    const slot = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 0x7ffffffe }), fc.constant(0x7ffffffe));
    fc.assert(
      fc.property(fc.array(fc.tuple(slot, fc.nat({ max: 1_000_000 })), { maxLength: 3_000 }), fc.array(slot, { maxLength: 50 }), (sets, probes) => {
        const table = new KeySlotTable();
        const reference = new Map<number, number>();
        for (const [s, position] of sets) {
          table.set(s, position);
          reference.set(s, position);
        }
        for (const s of [...reference.keys(), ...probes]) expect(table.get(s)).toBe(reference.has(s) ? (reference.get(s) as number) + 1 : 0);
      }),
      { numRuns: 60 },
    );
  });

  it('sized for its expected keys, takes them all without growing, and grows past them as usual', () => {
    const table = new KeySlotTable(5_000);
    const inner = table as unknown as { table: Int32Array };
    const slotOf = (i: number) => i * 1024 + (i % 7);
    table.set(slotOf(0), 0);
    const first = inner.table;
    expect(first.length).toBe(2 * 16_384); // 5,000 keys at most half full
    for (let i = 1; i < 5_000; i++) table.set(slotOf(i), i);
    expect(inner.table).toBe(first);
    for (let i = 5_000; i < 9_000; i++) table.set(slotOf(i), i);
    expect(inner.table.length).toBe(2 * 32_768);
    for (let i = 0; i < 9_000; i++) expect(table.get(slotOf(i))).toBe(i + 1);
    expect(table.get(slotOf(9_000))).toBe(0);
  });

  it('takes only integers in [0, 2^31 - 2] as slots', () => {
    expect([0, 5, 0x7ffffffe].every(isKeySlot)).toBe(true);
    expect([-1, 0.5, 0x7fffffff, Number.NaN, 2 ** 40].some(isKeySlot)).toBe(false);
  });
});
