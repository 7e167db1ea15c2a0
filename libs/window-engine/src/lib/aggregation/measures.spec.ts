import { WindowSnapshotError } from '../errors/window-snapshot-error';
import type { Aggregation } from './aggregation';
import { composeMeasures } from './compose-measures';
import { countMeasure } from './count-measure';
import type { JsonValue } from './json-value';
import { uniqueCountMeasure } from './unique-count-measure';

interface Click {
  userId: string;
  amount: number;
}

function fold<In, Acc, Out>(agg: Aggregation<In, Acc, Out>, inputs: In[]): Acc {
  return inputs.reduce((acc, input) => agg.add(acc, input), agg.create());
}

const clicks: Click[] = [
  { userId: 'u2', amount: 1 },
  { userId: 'u1', amount: 2 },
  { userId: 'u2', amount: 3 },
];

describe('countMeasure', () => {
  it('counts events and round-trips its snapshot', () => {
    const m = countMeasure<Click>();
    const acc = fold(m, clicks);
    expect(m.result(acc)).toBe(3);
    expect(m.result(m.restoreAcc(JSON.parse(JSON.stringify(m.snapshotAcc(acc))) as JsonValue))).toBe(3);
  });

  it('rejects a malformed snapshot', () => {
    expect(() => countMeasure().restoreAcc('3')).toThrow(WindowSnapshotError);
    expect(() => countMeasure().restoreAcc(-1)).toThrow(/count/);
  });
});

describe('uniqueCountMeasure', () => {
  const m = uniqueCountMeasure((c: Click) => c.userId);

  it('counts distinct ids exactly and exposes them in first-seen order', () => {
    expect(m.result(fold(m, clicks))).toEqual({ count: 2, ids: ['u2', 'u1'] });
    expect(m.result(m.create())).toEqual({ count: 0, ids: [] });
  });

  it('returns a fresh ids array, so a fired result is not changed by later events', () => {
    const acc = fold(m, clicks);
    const before = m.result(acc);
    m.add(acc, { userId: 'u3', amount: 0 });
    expect(before.ids).toEqual(['u2', 'u1']);
  });

  it('round-trips its snapshot through JSON', () => {
    const acc = fold(m, clicks);
    const restored = m.restoreAcc(JSON.parse(JSON.stringify(m.snapshotAcc(acc))) as JsonValue);
    expect(m.result(m.add(restored, { userId: 'u1', amount: 0 }))).toEqual({ count: 2, ids: ['u2', 'u1'] });
  });

  it('rejects a malformed snapshot', () => {
    expect(() => m.restoreAcc(['a', 1])).toThrow(WindowSnapshotError);
    expect(() => m.restoreAcc({})).toThrow(/uniqueCount/);
  });
});

describe('composeMeasures', () => {
  const sum: Aggregation<Click, number, number> = {
    create: () => 0,
    add: (acc, c) => acc + c.amount,
    result: (acc) => acc,
    snapshotAcc: (acc) => acc,
    restoreAcc: (s) => s as number,
  };
  const measures = composeMeasures({ clicks: countMeasure<Click>(), uniqueUsers: uniqueCountMeasure((c: Click) => c.userId), amount: sum });

  it('computes every named measure, typed by name', () => {
    const out = measures.result(fold(measures, clicks));
    const users: number = out.uniqueUsers.count;
    expect(users).toBe(2);
    expect(out).toEqual({ clicks: 3, uniqueUsers: { count: 2, ids: ['u2', 'u1'] }, amount: 6 });
  });

  it('snapshots as an array of measure snapshots in name order and restores it', () => {
    const snap = measures.snapshotAcc(fold(measures, clicks));
    expect(snap).toEqual([3, ['u2', 'u1'], 6]);
    const restored = measures.restoreAcc(JSON.parse(JSON.stringify(snap)) as JsonValue);
    expect(measures.result(measures.add(restored, { userId: 'u9', amount: 4 }))).toEqual({
      clicks: 4,
      uniqueUsers: { count: 3, ids: ['u2', 'u1', 'u9'] },
      amount: 10,
    });
  });

  it('adds to every measure with one, two or three of them (separate add paths)', () => {
    expect(fold(composeMeasures({ amount: sum }), clicks)).toEqual([6]);
    const two = composeMeasures({ clicks: countMeasure<Click>(), amount: sum });
    expect(two.result(fold(two, clicks))).toEqual({ clicks: 3, amount: 6 });
    expect(measures.snapshotAcc(fold(measures, clicks))).toEqual([3, ['u2', 'u1'], 6]);
  });

  it('names the measures when the snapshot has the wrong arity', () => {
    expect(() => measures.restoreAcc([3, []])).toThrow(/clicks, uniqueUsers, amount/);
    expect(() => measures.restoreAcc([3, 'x', 6])).toThrow(WindowSnapshotError);
  });
});
