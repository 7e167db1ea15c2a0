import { IdDictionaryRotation } from './id-dictionary-rotation';
import { uniqueCountMeasure } from './unique-count-measure';
import { heldHashOf, type IdDictionary } from './id-dictionary';

/** An input whose id a decoder may have interned already (as InternedClickEvent does). */
interface Input {
  user: string;
  dictionary?: IdDictionary;
  ref?: number;
}

const internedIdOf = (input: Input, dictionary: IdDictionary): number => (input.dictionary === dictionary ? (input.ref as number) : -1);

describe('IdDictionaryRotation', () => {
  it('keeps the current dictionary until it is full, then starts a fresh one', () => {
    const rotation = new IdDictionaryRotation(2);
    const first = rotation.current;
    first.idOf('a');
    expect(rotation.current).toBe(first);
    first.idOf('b');
    expect(rotation.current).not.toBe(first);
    expect(rotation.current.size).toBe(0);
  });

  it('starts a fresh one once the current holds maxHeldBytes of held ids', () => {
    const rotation = new IdDictionaryRotation(1000, 40);
    const first = rotation.current;
    // Three different users (a user held again soon after takes no more bytes).
    const hold = (user: string) => {
      const bytes = Buffer.from(user);
      first.hold(bytes, 0, bytes.length, heldHashOf(bytes, 0, bytes.length) as number);
    };
    hold('user-0001');
    hold('user-0002');
    hold('user-0002');
    expect(rotation.current).toBe(first);
    hold('user-0003');
    expect(first.heldBytes).toBeGreaterThanOrEqual(40);
    expect(rotation.current).not.toBe(first);
  });

  it('refuses a non-positive bound', () => {
    expect(() => new IdDictionaryRotation(0)).toThrow(RangeError);
    expect(() => new IdDictionaryRotation(10, 0)).toThrow(RangeError);
  });
});

describe('uniqueCountMeasure with interned ids', () => {
  it('takes an id interned in the accumulator\'s dictionary as is', () => {
    const dictionaries = new IdDictionaryRotation();
    const m = uniqueCountMeasure((i: Input) => i.user, { dictionaries, internedIdOf });
    const acc = m.create();
    const d = dictionaries.current;
    // A ref the string lookup would never give for 'x': proves the interned id is what counts.
    d.idOf('first');
    m.add(acc, { user: 'x', dictionary: d, ref: 0 });
    expect(m.result(acc)).toEqual({ count: 1, ids: ['first'] });
  });

  it('falls back to the string when the input was interned elsewhere or not at all, staying exact', () => {
    const dictionaries = new IdDictionaryRotation(2);
    const m = uniqueCountMeasure((i: Input) => i.user, { dictionaries, internedIdOf });
    const old = dictionaries.current;
    const a = m.create();
    const inOld = (user: string): Input => ({ user, dictionary: old, ref: old.idOf(user) });
    m.add(a, inOld('u1'));
    m.add(a, inOld('u2'));
    const b = m.create(); // old is full: b is on a fresh dictionary
    expect(b.dictionary).not.toBe(old);
    m.add(b, inOld('u1'));
    m.add(b, { user: 'u3' });
    m.add(b, inOld('u1'));
    m.add(a, inOld('u1'));
    expect(m.result(a)).toEqual({ count: 2, ids: ['u1', 'u2'] });
    expect(m.result(b)).toEqual({ count: 2, ids: ['u1', 'u3'] });
  });
});
