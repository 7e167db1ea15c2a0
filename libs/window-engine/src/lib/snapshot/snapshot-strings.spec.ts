import { heldHashOf, IdDictionary } from '../aggregation/id-dictionary';
import { SnapshotStrings } from './snapshot-strings';

describe('SnapshotStrings', () => {
  it('writes each id of each dictionary once and hands out its index every time after', () => {
    const a = new IdDictionary();
    const b = new IdDictionary();
    const [a0, a1] = [a.idOf('u0'), a.idOf('u1')];
    const b0 = b.idOf('u1');
    const strings = new SnapshotStrings();
    expect([strings.indexOfInterned(a, a1), strings.indexOfInterned(b, b0), strings.indexOfInterned(a, a0), strings.indexOfInterned(a, a1)]).toEqual([0, 1, 2, 0]);
    expect(strings.list).toEqual(['u1', 'u1', 'u0']);
  });

  it('takes ids interned after its table for the dictionary was sized', () => {
    const d = new IdDictionary();
    const strings = new SnapshotStrings();
    expect(strings.indexOfInterned(d, d.idOf('first'))).toBe(0);
    const later = Array.from({ length: 100 }, (_, i) => d.idOf(`later-${i}`));
    expect(later.map((id) => strings.indexOfInterned(d, id))).toEqual(later.map((_, i) => i + 1));
    expect(strings.list[100]).toBe('later-99');
    expect(strings.indexOfInterned(d, later[50] as number)).toBe(51);
  });

  it('writes a user held by several keys once: held refs are matched by their string', () => {
    const d = new IdDictionary();
    const hold = (value: string) => {
      const bytes = Buffer.from(value);
      return d.hold(bytes, 0, bytes.length, heldHashOf(bytes, 0, bytes.length) as number);
    };
    const [x1, y, x2] = [hold('x'), hold('y'), hold('x')];
    const strings = new SnapshotStrings();
    expect([x1, y, x2].map((ref) => strings.indexOfInterned(d, ref))).toEqual([0, 1, 0]);
    expect(strings.list).toEqual(['x', 'y']);
  });

  it('matches held users by their bytes across its table growth, and makes one string per user', () => {
    const d = new IdDictionary();
    const hold = (value: string) => {
      const bytes = Buffer.from(value);
      return d.hold(bytes, 0, bytes.length, heldHashOf(bytes, 0, bytes.length) as number);
    };
    const users = Array.from({ length: 3_000 }, (_, i) => `user-${i}`);
    const first = users.map(hold);
    const second = [...users].reverse().map(hold);
    const strings = new SnapshotStrings();
    const a = first.map((ref) => strings.indexOfInterned(d, ref));
    const b = second.map((ref) => strings.indexOfInterned(d, ref));
    expect(a).toEqual(users.map((_, i) => i));
    expect(b).toEqual([...a].reverse());
    expect(strings.list).toEqual(users);
  });
});
