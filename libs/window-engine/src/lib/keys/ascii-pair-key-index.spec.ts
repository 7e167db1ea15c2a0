import fc from 'fast-check';
import { AsciiPairKeyIndex, MAX_PAIR_PART_BYTES, MAX_SECOND_PARTS } from './ascii-pair-key-index';

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
    expect(refOf(index, '/about', 'FR')).not.toBe(ref);
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
    expect(refOf(index, 'x'.repeat(MAX_PAIR_PART_BYTES), 'FR')).toBeGreaterThanOrEqual(0);
  });

  it('stays bounded: starts over at MAX_SECOND_PARTS second parts, counts it in epoch, and keeps answering exactly', () => {
    const index = new AsciiPairKeyIndex('|');
    // Within an epoch a pair keeps its ref and a ref names one pair (the engine's exact key slots).
    const refs = new Map<string, number>();
    const named = new Map<number, string>();
    let epoch = index.epoch;
    for (let i = 0; i < 3 * MAX_SECOND_PARTS; i++) {
      const [first, second] = [`/p${i % 7}`, `c${i % (MAX_SECOND_PARTS + 300)}`];
      const ref = refOf(index, first, second);
      if (index.epoch !== epoch) {
        expect(index.epoch).toBe(epoch + 1);
        epoch = index.epoch;
        refs.clear();
        named.clear();
      }
      const key = `${first}|${second}`;
      expect(index.key(ref)).toBe(key);
      expect(refs.get(key) ?? ref).toBe(ref);
      expect(named.get(ref) ?? key).toBe(key);
      refs.set(key, ref);
      named.set(ref, key);
      expect(refOf(index, first, second)).toBe(ref);
    }
    expect(index.epoch).toBeGreaterThanOrEqual(2);
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
        // A ref names one pair.
        expect(new Set(refs.values()).size).toBe(refs.size);
      }),
      { numRuns: 40 },
    );
  });
});
