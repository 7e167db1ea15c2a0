import { countMeasure } from '../aggregation/count-measure';
import type { WindowAssigner } from '../assigners/window-assigner';
import { WindowAssignerContractError } from '../errors/window-assigner-contract-error';
import type { TimeWindow } from '../window/time-window';
import { WindowEngine } from './window-engine';

/** A minimal hopping assigner (size 10 s, slide 5 s), to exercise the engine's general path. */
const hopping: WindowAssigner = {
  assignWindows(ts: number): TimeWindow[] {
    const last = ts - (((ts % 5_000) + 5_000) % 5_000);
    return [
      { start: last - 5_000, end: last + 5_000 },
      { start: last, end: last + 10_000 },
    ];
  },
};

const make = (assigner: WindowAssigner = hopping) =>
  new WindowEngine({ assigner, keyOf: () => 'k', timestampOf: (ts: number) => ts, aggregation: countMeasure<number>() });

describe('WindowEngine with a multi-window assigner', () => {
  it('adds an event to every window it belongs to and fires them in end order', () => {
    const e = make();
    e.add(7_000);
    e.add(12_000);
    const fired = e.advanceWatermark(Number.MAX_SAFE_INTEGER);
    expect(fired.map((p) => [p.window.start, p.window.end, p.measures])).toEqual([
      [0, 10_000, 1],
      [5_000, 15_000, 2],
      [10_000, 20_000, 1],
    ]);
  });

  it('reports only the windows that are closed when an event is partly late', () => {
    const e = make();
    e.advanceWatermark(9_999);
    const late = e.add(7_000);
    expect(late?.map((l) => l.window)).toEqual([{ start: 0, end: 10_000 }]);
    expect(e.stats()).toMatchObject({ acceptedEvents: 1, lateEvents: 1 });
    expect(e.isLate(7_000)).toBe(false);
    expect(e.advanceWatermark(14_999).map((p) => p.window.start)).toEqual([5_000]);
    expect(e.isLate(7_000)).toBe(true);
  });

  it('does not count an event refused by all its windows as accepted', () => {
    const e = make();
    e.advanceWatermark(20_000);
    expect(e.add(7_000)).toHaveLength(2);
    expect(e.stats()).toMatchObject({ acceptedEvents: 0, lateEvents: 2 });
  });

  it('rejects an assigner that gives one start two different ends', () => {
    let calls = 0;
    const e = make({ assignWindows: (ts) => [{ start: 0, end: ts + 1 + calls++ }] });
    e.add(5);
    expect(() => e.add(5)).toThrow(WindowAssignerContractError);
  });
});
