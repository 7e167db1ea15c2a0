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

  it('takes only integers in [0, 2^31 - 2] as slots', () => {
    expect([0, 5, 0x7ffffffe].every(isKeySlot)).toBe(true);
    expect([-1, 0.5, 0x7fffffff, Number.NaN, 2 ** 40].some(isKeySlot)).toBe(false);
  });
});
