import fc from 'fast-check';
import { IdDictionary } from './id-dictionary';

/** idOfBytes on the UTF-8 bytes of `s`, inside a larger buffer to check the offsets. */
const idOfBytes = (d: IdDictionary, s: string): number => {
  const bytes = Buffer.concat([Buffer.from('<<'), Buffer.from(s, 'utf8'), Buffer.from('>>')]);
  return d.idOfBytes(bytes, 2, bytes.length - 2);
};

describe('IdDictionary.idOfBytes (AsciiIdIndex)', () => {
  it('interns from bytes to the same ids as idOf, in either order', () => {
    const d = new IdDictionary();
    expect(idOfBytes(d, 'u1')).toBe(0);
    expect(d.idOf('u1')).toBe(0);
    expect(d.idOf('u2')).toBe(1);
    expect(idOfBytes(d, 'u2')).toBe(1);
    expect(idOfBytes(d, 'u2')).toBe(1);
    expect(d.stringOf(0)).toBe('u1');
    expect(d.size).toBe(2);
  });

  it('handles non-ASCII, empty and over-long ids through their strings', () => {
    const d = new IdDictionary();
    const long = 'x'.repeat(500);
    for (const s of ['Zoë', '', long, '用户', 'y'.repeat(128), 'y'.repeat(129)]) {
      const id = idOfBytes(d, s);
      expect(d.stringOf(id)).toBe(s);
      expect(d.idOf(s)).toBe(id);
      expect(idOfBytes(d, s)).toBe(id);
    }
    expect(d.size).toBe(6);
  });

  it('stays exact across table growth with ids that share prefixes and lengths', () => {
    const d = new IdDictionary();
    for (let i = 0; i < 20_000; i++) expect(idOfBytes(d, `u${i}`)).toBe(i);
    for (let i = 19_999; i >= 0; i--) expect(idOfBytes(d, `u${i}`)).toBe(i);
    expect(d.size).toBe(20_000);
  });

  it('finds ids interned by string through their bytes after the table grew, and the other way round', () => {
    const d = new IdDictionary();
    for (let i = 0; i < 5_000; i++) expect(d.idOf(`s${i}`)).toBe(i);
    for (let i = 0; i < 5_000; i++) expect(idOfBytes(d, `b${i}`)).toBe(5_000 + i);
    for (let i = 4_999; i >= 0; i--) {
      expect(idOfBytes(d, `s${i}`)).toBe(i);
      expect(d.idOf(`b${i}`)).toBe(5_000 + i);
    }
    expect(d.size).toBe(10_000);
  });

  it('agrees with idOf on any strings, interned in any mix of the two ways (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.boolean()), { maxLength: 200 }), (draws) => {
        const d = new IdDictionary();
        const reference = new Map<string, number>();
        for (const [s, viaBytes] of draws) {
          const id = viaBytes ? idOfBytes(d, s) : d.idOf(s);
          if (!reference.has(s)) reference.set(s, reference.size);
          expect(id).toBe(reference.get(s));
          expect(d.stringOf(id)).toBe(s);
        }
      }),
      { numRuns: 300 },
    );
  });
});
