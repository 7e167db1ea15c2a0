import fc from 'fast-check';
import { AsciiPairKeyIndex, MAX_PAIR_PART_BYTES } from './ascii-pair-key-index';

/** The ref of (first, second) as UTF-8 runs inside a larger buffer, to check the offsets. */
function refOf(index: AsciiPairKeyIndex, first: string, second: string): number {
  const a = Buffer.from(first, 'utf8');
  const b = Buffer.from(second, 'utf8');
  const buf = Buffer.concat([Buffer.from('{"'), a, Buffer.from('","'), b, Buffer.from('"}')]);
  return index.refOfBytes(buf, 2, 2 + a.length, 5 + a.length, 5 + a.length + b.length);
}

describe('AsciiPairKeyIndex', () => {
  it('gives the strings and the composite key of a pair, the same objects for the same bytes', () => {
    const index = new AsciiPairKeyIndex('\u0001');
    const ref = refOf(index, '/pricing', 'FR');
    expect(index.first(ref)).toBe('/pricing');
    expect(index.second(ref)).toBe('FR');
    expect(index.key(ref)).toBe('/pricing\u0001FR');
    expect(refOf(index, '/pricing', 'FR')).toBe(ref);
    expect(refOf(index, '/pricing', 'DE')).not.toBe(ref);
    expect(index.size).toBe(2);
  });

  it('tells pairs apart that concatenate to the same bytes', () => {
    const index = new AsciiPairKeyIndex('|');
    const a = refOf(index, 'ab', 'c');
    const b = refOf(index, 'a', 'bc');
    expect(a).not.toBe(b);
    expect(index.key(a)).toBe('ab|c');
    expect(index.key(b)).toBe('a|bc');
    // Empty runs are not indexed: the caller decodes them (and rejects an empty page).
    expect(refOf(index, '', 'c')).toBe(-1);
    expect(refOf(index, 'a', '')).toBe(-1);
  });

  it('does not index non-ASCII or over-long runs (-1: the caller decodes them)', () => {
    const index = new AsciiPairKeyIndex('|');
    expect(refOf(index, '/café', 'FR')).toBe(-1);
    expect(refOf(index, '/p', 'ÜB')).toBe(-1);
    expect(refOf(index, 'x'.repeat(MAX_PAIR_PART_BYTES + 1), 'FR')).toBe(-1);
    expect(refOf(index, 'x'.repeat(MAX_PAIR_PART_BYTES), 'FR')).toBe(0);
  });

  it('stays bounded: starts over at maxKeys, counts it in epoch, and keeps answering exactly', () => {
    const index = new AsciiPairKeyIndex('|', 5);
    // Within an epoch a pair keeps its ref and a ref names one pair (the engine's exact key slots).
    const named = new Map<string, string>();
    const refs = new Map<string, number>();
    let epoch = index.epoch;
    for (let i = 0; i < 50; i++) {
      const ref = refOf(index, `/p${i % 7}`, `c${i % 3}`);
      if (index.epoch !== epoch) {
        expect(index.epoch).toBe(epoch + 1);
        epoch = index.epoch;
        named.clear();
        refs.clear();
      }
      expect(refs.get(index.key(ref)) ?? ref).toBe(ref);
      refs.set(index.key(ref), ref);
      // Asked again at once (no restart in between): the same ref.
      expect(refOf(index, `/p${i % 7}`, `c${i % 3}`)).toBe(ref);
      expect(index.key(ref)).toBe(`/p${i % 7}|c${i % 3}`);
      expect(named.get(String(ref)) ?? index.key(ref)).toBe(index.key(ref));
      named.set(String(ref), index.key(ref));
      expect(index.size).toBeLessThanOrEqual(5);
    }
    expect(index.epoch).toBeGreaterThan(5);
    expect(() => new AsciiPairKeyIndex('|', 0)).toThrow(RangeError);
  });

  it('agrees with concatenation on any ASCII pairs, across table growth (property)', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(ascii, ascii), { minLength: 1, maxLength: 3_000 }), (pairs) => {
        const index = new AsciiPairKeyIndex('\u0001');
        const refs = new Map<string, number>();
        for (const [first, second] of pairs) {
          const ref = refOf(index, first, second);
          if (first === '' || second === '') {
            expect(ref).toBe(-1);
            continue;
          }
          expect(index.first(ref)).toBe(first);
          expect(index.second(ref)).toBe(second);
          expect(index.key(ref)).toBe(`${first}\u0001${second}`);
          const id = JSON.stringify([first, second]);
          if (refs.has(id)) expect(ref).toBe(refs.get(id));
          refs.set(id, ref);
        }
        expect(index.size).toBe(refs.size);
      }),
      { numRuns: 40 },
    );
  });
});
