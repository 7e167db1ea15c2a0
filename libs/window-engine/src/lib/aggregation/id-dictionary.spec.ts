import fc from 'fast-check';
import { IdDictionary } from './id-dictionary';
import { UniqueIds, uniqueCountMeasure } from './unique-count-measure';

describe('IdDictionary', () => {
  it('interns strings to dense integers and maps them back', () => {
    const d = new IdDictionary();
    expect(d.idOf('u1')).toBe(0);
    expect(d.idOf('u2')).toBe(1);
    expect(d.idOf('u' + '1')).toBe(0);
    expect(d.size).toBe(2);
    expect(d.stringOf(1)).toBe('u2');
  });

  it('grows its stamp array with the ids', () => {
    const d = new IdDictionary();
    for (let i = 0; i < 5000; i++) d.idOf(`u${i}`);
    expect(d.stamp.length).toBeGreaterThanOrEqual(5000);
    expect(d.stringOf(4999)).toBe('u4999');
  });

  it('keeps ASCII ids as bytes: gives their string or copies their bytes, and other ids by their string (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ minLength: 129, maxLength: 140 })), { maxLength: 400 }), (values) => {
        const d = new IdDictionary();
        const ids = values.map((v, i) => (i % 2 === 0 ? d.idOf(v) : d.idOfBytes(Buffer.from(v, 'utf8'), 0, Buffer.byteLength(v))));
        values.forEach((v, i) => {
          const id = ids[i] as number;
          expect(d.stringOf(id)).toBe(v);
          expect(d.idOf(v)).toBe(id);
          const out = new Uint8Array(200).fill(0xff);
          const end = d.copyAsciiBytes(id, out, 3);
          // eslint-disable-next-line no-control-regex
          const indexable = /^[\x00-\x7f]{1,128}$/.test(v);
          if (indexable) {
            expect(end).toBe(3 + v.length);
            expect(Buffer.from(out.subarray(3, end)).toString('latin1')).toBe(v);
            expect(out[end]).toBe(0xff);
          } else {
            expect(end).toBe(-1);
            expect(out.every((b) => b === 0xff)).toBe(true);
          }
        });
        expect(d.size).toBe(new Set(values).size);
      }),
    );
  });

  it('hands out distinct epochs', () => {
    const d = new IdDictionary();
    const a = d.nextEpoch();
    expect(d.nextEpoch()).not.toBe(a);
  });
});

describe('UniqueIds', () => {
  it('keeps the distinct values in first-seen order across compactions (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), (draws) => {
        const acc = new UniqueIds(new IdDictionary());
        for (const d of draws) acc.add(`u${d}`);
        expect(acc.values()).toEqual([...new Set(draws.map((d) => `u${d}`))]);
        // Compacted by values(); a single distinct id is kept without an array.
        expect(acc.ids.length).toBe(acc.unique > 1 ? acc.unique : 0);
      }),
    );
  });

  it('never holds much more than twice its distinct ids', () => {
    const acc = new UniqueIds(new IdDictionary());
    for (let i = 0; i < 10_000; i++) {
      acc.add(`u${i % 7}`);
      expect(acc.ids.length).toBeLessThanOrEqual(Math.max(8, 2 * 7 + 1));
    }
    expect(acc.values()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
  });

  it('is exact when several accumulators share a dictionary', () => {
    const d = new IdDictionary();
    const a = new UniqueIds(d);
    const b = new UniqueIds(d);
    for (let i = 0; i < 100; i++) {
      a.add(`u${i % 13}`);
      b.add(`u${(i * 7) % 29}`);
    }
    expect(a.values()).toEqual([...new Set(Array.from({ length: 100 }, (_, i) => `u${i % 13}`))]);
    expect(b.values()).toEqual([...new Set(Array.from({ length: 100 }, (_, i) => `u${(i * 7) % 29}`))]);
  });
});

describe('uniqueCountMeasure dictionaries', () => {
  it('starts new accumulators on a fresh dictionary past maxDictionaryIds, staying exact', () => {
    const m = uniqueCountMeasure((s: string) => s, { maxDictionaryIds: 2 });
    const first = m.create();
    for (const id of ['a', 'b', 'c']) m.add(first, id);
    const second = m.create();
    expect(second.dictionary).not.toBe(first.dictionary);
    m.add(second, 'c');
    m.add(first, 'a');
    expect(m.result(first)).toEqual({ count: 3, ids: ['a', 'b', 'c'] });
    expect(m.result(second)).toEqual({ count: 1, ids: ['c'] });
  });

  it('drops repeats in a restored snapshot like the Set it replaced', () => {
    const m = uniqueCountMeasure((s: string) => s);
    expect(m.result(m.restoreAcc([1, 0, 1], ['a', 'b']))).toEqual({ count: 2, ids: ['b', 'a'] });
  });

  it('refuses a non-positive dictionary bound', () => {
    expect(() => uniqueCountMeasure((s: string) => s, { maxDictionaryIds: 0 })).toThrow(RangeError);
  });
});
