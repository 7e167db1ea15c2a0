import { IdDictionary } from '../aggregation/id-dictionary';
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
});
