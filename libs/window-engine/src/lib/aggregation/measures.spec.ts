import fc from 'fast-check';
import { WindowSnapshotError } from '../errors/window-snapshot-error';
import type { Aggregation } from './aggregation';
import { composeMeasures } from './compose-measures';
import { countMeasure } from './count-measure';
import type { JsonValue } from './json-value';
import { SnapshotStrings } from '../snapshot/snapshot-strings';
import { uniqueCountMeasure } from './unique-count-measure';

interface Click {
  userId: string;
  amount: number;
}

/** A measure's snapshot through JSON and back, with its snapshot's string table. */
function roundTrip<Acc>(m: Aggregation<never, Acc, unknown>, acc: Acc): Acc {
  const strings = new SnapshotStrings();
  const json = JSON.stringify({ acc: m.snapshotAcc(acc, strings), strings: strings.list });
  const parsed = JSON.parse(json) as { acc: JsonValue; strings: string[] };
  return m.restoreAcc(parsed.acc, parsed.strings);
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
    expect(m.result(roundTrip(m, acc))).toBe(3);
  });

  it('rejects a malformed snapshot', () => {
    expect(() => countMeasure().restoreAcc('3', [])).toThrow(WindowSnapshotError);
    expect(() => countMeasure().restoreAcc(-1, [])).toThrow(/count/);
  });
});

describe('uniqueCountMeasure', () => {
  const m = uniqueCountMeasure((c: Click) => c.userId);

  it('counts distinct ids exactly and exposes them in first-seen order', () => {
    expect(m.result(fold(m, clicks))).toEqual({ count: 2, ids: ['u2', 'u1'] });
    expect(m.result(m.create())).toEqual({ count: 0, ids: [] });
  });

  it('matches a Set on any id sequence, one id (kept without an array) and repeats included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), { maxLength: 40 }), (ids) => {
        const acc = fold(m, ids.map((userId) => ({ userId, amount: 0 })));
        const expected = [...new Set(ids)];
        expect(m.result(acc)).toEqual({ count: expected.length, ids: expected });
        expect(m.result(roundTrip(m, acc))).toEqual({ count: expected.length, ids: expected });
        // One distinct id, however often: no array of its own.
        if (expected.length <= 1) expect(acc.ids).toHaveLength(0);
      }),
    );
  });

  it('returns a fresh ids array, so a fired result is not changed by later events', () => {
    const acc = fold(m, clicks);
    const before = m.result(acc);
    m.add(acc, { userId: 'u3', amount: 0 });
    expect(before.ids).toEqual(['u2', 'u1']);
  });

  it('round-trips its snapshot through JSON', () => {
    const acc = fold(m, clicks);
    const restored = roundTrip(m, acc);
    expect(m.result(m.add(restored, { userId: 'u1', amount: 0 }))).toEqual({ count: 2, ids: ['u2', 'u1'] });
  });

  it('writes each id once in the snapshot strings, however many accumulators hold it', () => {
    const strings = new SnapshotStrings();
    const a = fold(m, clicks);
    const b = fold(m, [{ userId: 'u1', amount: 0 }, { userId: 'u3', amount: 0 }]);
    expect([m.snapshotAcc(a, strings), m.snapshotAcc(b, strings)]).toEqual([[0, 1], [1, 2]]);
    expect(strings.list).toEqual(['u2', 'u1', 'u3']);
    expect(m.result(m.restoreAcc([1, 2], strings.list))).toEqual({ count: 2, ids: ['u1', 'u3'] });
  });

  it('restores the ids themselves, as snapshots of format v1 hold them', () => {
    expect(m.result(m.restoreAcc(['u2', 'u1', 'u2'], []))).toEqual({ count: 2, ids: ['u2', 'u1'] });
  });

  it('rejects a malformed snapshot', () => {
    expect(() => m.restoreAcc(['a', 1], ['x'])).toThrow(WindowSnapshotError);
    expect(() => m.restoreAcc([-1], ['x'])).toThrow(/index below 1/);
    expect(() => m.restoreAcc([0.5], ['x'])).toThrow(WindowSnapshotError);
    expect(() => m.restoreAcc([null], ['x'])).toThrow(WindowSnapshotError);
    expect(() => m.restoreAcc({}, [])).toThrow(/uniqueCount/);
  });

  it('interns nothing from a snapshot it refuses', () => {
    const own = uniqueCountMeasure((c: Click) => c.userId);
    const dictionary = own.create().dictionary;
    const before = dictionary.size;
    expect(() => own.restoreAcc(['new-1', 'new-2', 7], ['x'])).toThrow(WindowSnapshotError);
    expect(dictionary.size).toBe(before);
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
    const strings = new SnapshotStrings();
    expect(measures.snapshotAcc(fold(measures, clicks), strings)).toEqual([3, [0, 1], 6]);
    expect(strings.list).toEqual(['u2', 'u1']);
    const restored = roundTrip(measures, fold(measures, clicks));
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
    expect(measures.snapshotAcc(fold(measures, clicks), new SnapshotStrings())).toEqual([3, [0, 1], 6]);
  });

  it('names the measures when the snapshot has the wrong arity', () => {
    expect(() => measures.restoreAcc([3, []], [])).toThrow(/clicks, uniqueUsers, amount/);
    expect(() => measures.restoreAcc([3, 'x', 6], [])).toThrow(WindowSnapshotError);
  });
});
