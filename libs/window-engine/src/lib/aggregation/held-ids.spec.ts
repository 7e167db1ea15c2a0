import fc from 'fast-check';
import { HeldIds } from './held-ids';
import { heldHashOf, IdDictionary } from './id-dictionary';
import { IdDictionaryRotation } from './id-dictionary-rotation';
import { UniqueIds, uniqueCountMeasure } from './unique-count-measure';
import { SnapshotStrings } from '../snapshot/snapshot-strings';

const addBytes = (acc: UniqueIds, value: string, pad = 0): void => {
  const message = Buffer.from(`${'x'.repeat(pad)}{"user_id":"${value}"}`, 'utf8');
  acc.addBytes(message, pad + 12, message.length - 2);
};

describe('HeldIds bound', () => {
  it('refuses to start a chunk past maxPlaces, rather than hand out a place that would not fit a held ref', () => {
    const held = new HeldIds(1 << 18);
    const run = Buffer.alloc(128, 0x61);
    let i = 0;
    const holdNext = (): number => {
      run.write((i++).toString(36).padStart(8, '0'), 0, 'latin1');
      return held.hold(run, 0, 128, heldHashOf(run, 0, 128) as number);
    };
    while (!held.full) expect(holdNext()).toBeLessThan(1 << 18);
    // Past `full`, a short run may still fit the last chunk; the first one that needs another is refused.
    expect(() => {
      for (let n = 0; n < 10; n++) holdNext();
    }).toThrow(/held ids are full/);
    expect(() => new HeldIds(1000)).toThrow(RangeError);
  });
});

describe('UniqueIds with held refs, across paths', () => {
  it('does not take a held ref from internedIdOf as an interned id (it counts the string instead)', () => {
    const dictionaries = new IdDictionaryRotation();
    const d = dictionaries.current;
    const bytes = Buffer.from('alice');
    const hash = heldHashOf(bytes, 0, bytes.length) as number;
    const m = uniqueCountMeasure((i: { user: string; ref?: number }) => i.user, {
      dictionaries,
      internedIdOf: (i, dict) => (dict === d && i.ref !== undefined ? i.ref : -1),
    });
    const acc = m.create();
    m.add(acc, { user: 'alice', ref: d.hold(bytes, 0, bytes.length, hash) });
    m.add(acc, { user: 'alice', ref: d.hold(bytes, 0, bytes.length, hash) });
    m.add(acc, { user: 'alice' });
    for (let i = 0; i < 10; i++) m.add(acc, { user: 'alice', ref: d.hold(bytes, 0, bytes.length, hash) });
    expect(m.result(acc)).toEqual({ count: 1, ids: ['alice'] });
  });

  it('stays exact over many accumulators sharing a dictionary whose held arena grows many times, with rotation by held bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom('bytes', 'bytes', 'bytes', 'string', 'interned', 'snapshot')), { maxLength: 3000 }),
        (draws) => {
          const rotation = new IdDictionaryRotation(1 << 20, 20_000);
          const accs: UniqueIds[] = [];
          const expected: Set<string>[] = [];
          const accOf = (k: number): UniqueIds => {
            while (accs.length <= k) {
              accs.push(new UniqueIds(rotation.current));
              expected.push(new Set());
            }
            return accs[k] as UniqueIds;
          };
          for (const [k, user, how] of draws) {
            let acc = accOf(k);
            // Long, varied ids, so the 64 KiB arena grows.
            const value = user === 60 ? 'usér' : `user-${user}-${'z'.repeat(user)}`;
            if (how === 'bytes') addBytes(acc, value, user % 7);
            else if (how === 'string') acc.add(value);
            else if (how === 'interned') acc.addId(acc.dictionary.idOf(value));
            else {
              const strings = new SnapshotStrings();
              const snap = acc.snapshotRefs(strings);
              const restored = new UniqueIds(rotation.current);
              restored.restore(snap, strings.list);
              accs[k] = acc = restored;
              addBytes(acc, value);
            }
            (expected[k] as Set<string>).add(value);
          }
          accs.forEach((acc, i) => {
            expect(acc.values()).toEqual([...(expected[i] as Set<string>)]);
            expect(acc.distinct().length).toBe((expected[i] as Set<string>).size);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('compacts only interned ids after a key outgrew its held users', () => {
    const d = new IdDictionary();
    const acc = new UniqueIds(d);
    for (let i = 0; i < 8; i++) addBytes(acc, `u${i}`);
    for (let r = 0; r < 5; r++) for (let i = 0; i < 20; i++) addBytes(acc, `u${i}`);
    expect(acc.distinct().every((x) => x >= 0)).toBe(true);
    expect(acc.values()).toEqual(Array.from({ length: 20 }, (_, i) => `u${i}`));
  });
});

describe('HeldIds arena growth', () => {
  it('interns held refs written before several arena reallocations', () => {
    const d = new IdDictionary();
    const accs = Array.from({ length: 3000 }, () => new UniqueIds(d));
    const id = (a: number, u: number) => `user-${(a * 7 + u) % 20_000}-${'q'.repeat(60)}`;
    accs.forEach((acc, a) => {
      for (let u = 0; u < 8; u++) addBytes(acc, id(a, u), u);
    });
    expect(d.heldBytes).toBeGreaterThan(1 << 20);
    accs.forEach((acc, a) => {
      addBytes(acc, id(a, 8));
      addBytes(acc, id(a, 3));
    });
    accs.forEach((acc, a) => expect(acc.values()).toEqual(Array.from({ length: 9 }, (_, u) => id(a, u))));
    // Interned once per distinct string across accumulators.
    expect(d.size).toBe(new Set(accs.flatMap((_, a) => Array.from({ length: 9 }, (__, u) => id(a, u)))).size);
  });
});

describe('HeldIds recent holds', () => {
  const hold = (held: HeldIds, value: string, hash = heldHashOf(Buffer.from(value), 0, value.length) as number): number => held.hold(Buffer.from(`..${value}..`), 2, 2 + value.length, hash);

  it('gives a run held again soon after its earlier entry, and appends nothing', () => {
    const held = new HeldIds();
    const first = hold(held, 'user-1');
    const bytes = held.byteLength;
    for (let i = 0; i < 100; i++) expect(hold(held, 'user-1')).toBe(first);
    expect(held.byteLength).toBe(bytes);
    expect(held.stringAt(first)).toBe('user-1');
  });

  it('appends a run whose hash matches a recent hold but whose bytes do not, and reads both back', () => {
    const held = new HeldIds();
    const a = hold(held, 'alice', 12345);
    const b = hold(held, 'bob', 12345);
    expect(b).not.toBe(a);
    expect([held.stringAt(a), held.stringAt(b)]).toEqual(['alice', 'bob']);
    expect(held.matches(b, 12345, Buffer.from('bob'), 0, 3)).toBe(true);
    expect(held.matches(a, 12345, Buffer.from('bob'), 0, 3)).toBe(false);
  });

  it('appends again once many other runs have replaced the recent entry, and both entries match the run', () => {
    const held = new HeldIds();
    const first = hold(held, 'hot-user');
    for (let i = 0; i < 50_000; i++) hold(held, `other-${i}`);
    const again = hold(held, 'hot-user');
    const hash = heldHashOf(Buffer.from('hot-user'), 0, 8) as number;
    expect(held.matches(first, hash, Buffer.from('hot-user'), 0, 8)).toBe(true);
    expect(held.matches(again, hash, Buffer.from('hot-user'), 0, 8)).toBe(true);
  });
});

describe('HeldIds chunks', () => {
  it('keeps every entry readable when entries fill a chunk exactly, or leave a tail too short for the next', () => {
    const d = new IdDictionary();
    // 4,096 entries of 5 + 59 bytes fill a 256 KiB chunk exactly; then entries of other sizes.
    const values = [...Array.from({ length: 4_096 * 2 }, (_, i) => `${i}`.padStart(59, 'x')), ...Array.from({ length: 9_000 }, (_, i) => `v${i}`.padEnd(1 + (i % 120), 'y'))];
    const refs = values.map((v) => {
      const bytes = Buffer.from(v);
      return d.hold(bytes, 0, bytes.length, heldHashOf(bytes, 0, bytes.length) as number);
    });
    values.forEach((v, i) => {
      const ref = refs[i] as number;
      expect(d.stringOf(ref)).toBe(v);
      expect(d.heldIs(ref, v)).toBe(true);
      expect(d.stringOf(d.internHeld(ref))).toBe(v);
    });
    expect(d.size).toBe(values.length);
  });
});
