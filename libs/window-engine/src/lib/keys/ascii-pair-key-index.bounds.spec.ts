import { isKeySlot, KeySlotTable } from '../engine/key-slot-table';
import { AsciiPairKeyIndex, MAX_FIRST_PARTS, MAX_PAIR_PART_BYTES, MAX_SECOND_PARTS } from './ascii-pair-key-index';

const buf = Buffer.alloc(1024);
function refOf(index: AsciiPairKeyIndex, first: string, second: string): number {
  const a = buf.write(first, 3, 'latin1') + 3;
  const b = a + 2 + buf.write(second, a + 2, 'latin1');
  return index.refOfBytes(buf, 3, a, a + 2, b);
}

describe('AsciiPairKeyIndex bounds', () => {
  it('takes a smaller bound on first parts, never a larger one', () => {
    const index = new AsciiPairKeyIndex('|', 2);
    refOf(index, '/a', 'US');
    refOf(index, '/b', 'US');
    expect(index.epoch).toBe(0);
    expect(index.key(refOf(index, '/c', 'US'))).toBe('/c|US');
    expect(index.epoch).toBe(1);
    for (const bad of [0, 1.5, MAX_FIRST_PARTS + 1]) expect(() => new AsciiPairKeyIndex('|', bad)).toThrow(RangeError);
  });

  it('starts over when a new first part finds the first parts full and the second part is known', () => {
    const index = new AsciiPairKeyIndex('|');
    let last = -1;
    for (let i = 0; i < MAX_FIRST_PARTS; i++) last = refOf(index, `/p${i}`, i === MAX_FIRST_PARTS - 1 ? 'ZZ' : 'US');
    expect(index.epoch).toBe(0);
    // The largest first part with the second second part.
    expect(last).toBe((MAX_FIRST_PARTS - 1) * MAX_SECOND_PARTS + 1);
    expect(index.key(last)).toBe(`/p${MAX_FIRST_PARTS - 1}|ZZ`);
    expect(isKeySlot(last)).toBe(true);
    // Known first part: no restart.
    expect(refOf(index, '/p0', 'US')).toBe(0);
    expect(index.epoch).toBe(0);
    const ref = refOf(index, '/new', 'US'); // US is known, /new is not and the firsts are full
    expect(index.epoch).toBe(1);
    expect(ref).toBe(0);
    expect(index.key(ref)).toBe('/new|US');
    const again = refOf(index, '/p0', 'US');
    expect(again).toBe(MAX_SECOND_PARTS);
    expect(index.key(again)).toBe('/p0|US');
    expect(refOf(index, '/new', 'US')).toBe(0);
  });

  it('starts over when a new second part finds the second parts full and the first part is known', () => {
    const index = new AsciiPairKeyIndex('|');
    for (let i = 0; i < MAX_SECOND_PARTS; i++) refOf(index, '/a', `c${i}`);
    expect(index.epoch).toBe(0);
    expect(refOf(index, '/b', 'c5')).toBe(MAX_SECOND_PARTS + 5);
    const ref = refOf(index, '/b', 'new');
    expect(index.epoch).toBe(1);
    expect([ref, index.key(ref)]).toEqual([0, '/b|new']);
    const a = refOf(index, '/a', 'c5');
    expect([a, index.key(a)]).toEqual([MAX_SECOND_PARTS + 1, '/a|c5']);
  });

  it('indexes parts of exactly MAX_PAIR_PART_BYTES next to others (the length byte)', () => {
    const index = new AsciiPairKeyIndex('|');
    const long = 'L'.repeat(MAX_PAIR_PART_BYTES);
    const long2 = 'M'.repeat(MAX_PAIR_PART_BYTES);
    const refs = [refOf(index, long, long2), refOf(index, '/x', long2), refOf(index, long, 'US'), refOf(index, long.slice(1), long2.slice(1))];
    expect(refs.every((r) => r >= 0)).toBe(true);
    expect(refs.map((r) => index.key(r))).toEqual([`${long}|${long2}`, `/x|${long2}`, `${long}|US`, `${long.slice(1)}|${long2.slice(1)}`]);
    expect([refOf(index, long, long2), refOf(index, '/x', long2), refOf(index, long, 'US'), refOf(index, long.slice(1), long2.slice(1))]).toEqual(refs);
    expect(refOf(index, `${long}x`, 'US')).toBe(-1);
  });
});

describe('KeySlotTable with pair-shaped slots', () => {
  it('keeps first * 1024 + second slots apart, slot 0 and 2^30 - 1 included, through growth and overwrites', () => {
    const table = new KeySlotTable();
    const reference = new Map<number, number>();
    const slots = [0, 2 ** 30 - 1, 1023, 1024];
    for (let f = 0; f < 3000; f++) for (let s = 0; s < 3; s++) slots.push(f * 1024 + s * 7);
    let position = 0;
    for (const round of [0, 1]) {
      for (const slot of slots) {
        table.set(slot, position);
        reference.set(slot, position++);
        if (round === 1 && slot % 5 === 0) {
          table.set(slot, position); // overwrite right away
          reference.set(slot, position++);
        }
      }
    }
    for (const [slot, p] of reference) expect(table.get(slot)).toBe(p + 1);
    expect(table.get(5)).toBe(0);
    expect(table.get(2 ** 30)).toBe(0);
    expect((table as unknown as { count: number }).count).toBe(reference.size);
  });
});

describe('AsciiPairKeyIndex keys', () => {
  const refOf = (index: AsciiPairKeyIndex, first: string, second: string): number => {
    const buf = Buffer.from(`${first}${second}`);
    return index.refOfBytes(buf, 0, first.length, first.length, buf.length);
  };

  it('answers every pair\'s key through the key table growing several times, asked again and again', () => {
    const index = new AsciiPairKeyIndex('|');
    const pairs = Array.from({ length: 5_000 }, (_, i) => [`/p${i % 1_700}`, `C${i % 3}`] as const);
    for (let round = 0; round < 3; round++) {
      pairs.forEach(([a, b]) => expect(index.key(refOf(index, a, b))).toBe(`${a}|${b}`));
    }
  });

  it('joins parts with any separator: one byte, several, or outside latin1', () => {
    for (const separator of ['\u0001', '::', '\u00ff', '\u2192', '\u{1f600}']) {
      const index = new AsciiPairKeyIndex(separator);
      expect(index.key(refOf(index, '/p', 'DE'))).toBe(`/p${separator}DE`);
      expect(index.key(refOf(index, 'x'.repeat(255), 'y'.repeat(255)))).toBe(`${'x'.repeat(255)}${separator}${'y'.repeat(255)}`);
    }
  });

  it('past maxKeyedPairs still answers every key (made per request)', () => {
    const index = new AsciiPairKeyIndex('|', undefined, 10);
    const refs = Array.from({ length: 30 }, (_, i) => refOf(index, `/p${i}`, 'DE'));
    for (let round = 0; round < 2; round++) refs.forEach((ref, i) => expect(index.key(ref)).toBe(`/p${i}|DE`));
    expect(() => new AsciiPairKeyIndex('|', undefined, -1)).toThrow(RangeError);
  });
});
