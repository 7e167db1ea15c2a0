import fc from 'fast-check';
import { heldHashOf, heldPlaceOf, heldRefOf, IdDictionary, isHeldRef } from './id-dictionary';
import { MAX_HELD_PLACES } from './held-ids';
import { SnapshotStrings } from '../snapshot/snapshot-strings';
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

  it('holds ids as bytes: tells them apart, gives their string and bytes, and interns equal ones to one id (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }), (values) => {
        const d = new IdDictionary();
        const bytes = values.map((v) => Buffer.from(`"${v}"`, 'latin1'));
        const refs = values.map((v, i) => d.hold(bytes[i] as Buffer, 1, v.length + 1, heldHashOf(bytes[i] as Buffer, 1, v.length + 1) as number));
        expect(refs.every(isHeldRef)).toBe(true);
        // Place and hash fingerprint in one int32 (a V8 small integer), whatever the hash's top bits.
        expect(refs.every((ref) => (ref | 0) === ref)).toBe(true);
        expect(d.size).toBe(0);
        expect(d.heldBytes).toBeGreaterThanOrEqual(values.join('').length);
        values.forEach((v, i) => {
          const ref = refs[i] as number;
          expect(d.stringOf(ref)).toBe(v);
          const out = new Uint8Array(20).fill(0xff);
          expect(Buffer.from(out.subarray(2, d.copyAsciiBytes(ref, out, 2))).toString('latin1')).toBe(v);
          values.forEach((w, j) => {
            const b = bytes[j] as Buffer;
            expect(d.heldMatches(ref, heldHashOf(b, 1, w.length + 1) as number, b, 1, w.length + 1)).toBe(v === w);
          });
        });
        const interned = refs.map((r) => d.internHeld(r));
        values.forEach((v, i) => expect(interned[i]).toBe(d.idOf(v)));
        expect(d.size).toBe(new Set(values).size);
      }),
    );
  });

  it('stops holding at maxHeldBytes', () => {
    const small = new IdDictionary(0, 1 << 18);
    // The longest held runs (128 bytes, 133 with their entry's header), distinct: `i` in base 36 first.
    const value = Buffer.alloc(128, 0x61);
    const hashOf = (i: number): number => {
      value.write(i.toString(36).padStart(8, '0'), 0, 'latin1');
      return heldHashOf(value, 0, 128) as number;
    };
    let holds = 0;
    for (; small.canHold; holds++) small.hold(value, 0, 128, hashOf(holds));
    // One 256 KiB chunk, filled to within room for the longest entry it could take (5 + 255 bytes).
    expect(small.heldBytes).toBe(holds * 133);
    expect(small.heldBytes).toBeLessThanOrEqual(1 << 18);
    expect(small.heldBytes).toBeGreaterThan((1 << 18) - 260 - 133);
    expect(() => new IdDictionary(0, (1 << 27) + 1)).toThrow(RangeError);
    expect(() => new IdDictionary(0, 1000)).toThrow(RangeError);
  });

  it('keeps a held ref an int32 (a V8 small integer) with its place and hash fingerprint, up to the largest place', () => {
    const places = [0, 1, 133, MAX_HELD_PLACES - 260];
    const hashes = Array.from({ length: 16 }, (_, top) => ((top << 28) | 0x0abcdef) | 0);
    for (const place of places) {
      const refs = hashes.map((hash) => heldRefOf(place, hash));
      expect(refs.every((ref) => isHeldRef(ref) && (ref | 0) === ref)).toBe(true);
      expect(new Set(refs).size).toBe(16);
      expect(refs.every((ref) => heldPlaceOf(ref) === place)).toBe(true);
    }
  });

  it('holds only short ASCII runs', () => {
    const b = Buffer.from('Zoë');
    expect(heldHashOf(b, 0, b.length)).toBeUndefined();
    expect(heldHashOf(b, 0, 0)).toBeUndefined();
    expect(heldHashOf(Buffer.alloc(129, 0x61), 0, 129)).toBeUndefined();
    expect(heldHashOf(Buffer.alloc(128, 0x61), 0, 128)).toEqual(expect.any(Number));
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

describe('UniqueIds with held refs', () => {
  /** Adds `value` from bytes, as the aggregator does from a message (the one message's buffer, then gone). */
  const addBytes = (acc: UniqueIds, value: string): void => {
    const message = Buffer.from(`{"user_id":"${value}"}`, 'utf8');
    acc.addBytes(message, 12, message.length - 2);
  };

  it('keeps the distinct users in first-seen order whether they come held, interned or as strings, across the switch to interned ids (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('bytes', 'string', 'interned')), { maxLength: 80 }),
        fc.integer({ min: 1, max: 3 }),
        (draws, accumulators) => {
          const d = new IdDictionary();
          const accs = Array.from({ length: accumulators }, () => new UniqueIds(d));
          const expected = accs.map(() => new Set<string>());
          draws.forEach(([user, how], i) => {
            // Some ids cannot be held (not ASCII, or too long): they are interned at once.
            const value = user === 30 ? 'usér' : user === 29 ? 'u'.repeat(200) : `user-${user}`;
            const acc = accs[i % accumulators] as UniqueIds;
            if (how === 'bytes') addBytes(acc, value);
            else if (how === 'string') acc.add(value);
            else acc.addId(d.idOf(value));
            (expected[i % accumulators] as Set<string>).add(value);
          });
          accs.forEach((acc, i) => {
            expect(acc.values()).toEqual([...(expected[i] as Set<string>)]);
            expect(acc.unique).toBe((expected[i] as Set<string>).size);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('interns nothing while it holds at most 8 distinct users, and all of them with a ninth', () => {
    const d = new IdDictionary();
    const acc = new UniqueIds(d);
    for (let round = 0; round < 3; round++) for (let i = 0; i < 8; i++) addBytes(acc, `u${i}`);
    expect(d.size).toBe(0);
    expect(acc.unique).toBe(8);
    expect(acc.distinct().every(isHeldRef)).toBe(true);
    addBytes(acc, 'u8');
    expect(d.size).toBe(9);
    expect(acc.distinct().every((id) => !isHeldRef(id))).toBe(true);
    addBytes(acc, 'u3');
    expect(acc.values()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']);
  });

  it('interns users once its dictionary can hold no more, staying exact', () => {
    const d = new IdDictionary(0, 1 << 18);
    const accs = Array.from({ length: 3_000 }, () => new UniqueIds(d));
    // 100-byte ids: 3,000 keys of two users need about 315 KB of entries (a user held again soon after shares its entry); the dictionary holds 256 KiB.
    const user = (i: number): string => `user-${i}-`.padEnd(100, 'x');
    accs.forEach((acc, i) => {
      addBytes(acc, user(i));
      addBytes(acc, user(i + 1));
      addBytes(acc, user(i));
    });
    expect(d.canHold).toBe(false);
    expect(d.heldBytes).toBeLessThanOrEqual(1 << 18);
    // Past the bound the users were interned, not held.
    expect(d.size).toBeGreaterThan(100);
    const wrong = accs.findIndex((acc, i) => acc.values().join() !== [user(i), user(i + 1)].join());
    expect(wrong).toBe(-1);
  });

  it('writes held users to a snapshot by their strings and restores them exactly', () => {
    const m = uniqueCountMeasure((s: string) => s);
    const acc = m.create();
    for (const user of ['a', 'b', 'a', 'c']) addBytes(acc, user);
    expect(acc.distinct().every(isHeldRef)).toBe(true);
    const strings = new SnapshotStrings();
    const snapshot = m.snapshotAcc(acc, strings);
    expect((snapshot as number[]).map((i) => strings.list[i])).toEqual(['a', 'b', 'c']);
    expect(m.result(m.restoreAcc(snapshot, strings.list))).toEqual({ count: 3, ids: ['a', 'b', 'c'] });
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
