import fc from 'fast-check';
import { composeMeasures } from '../aggregation/compose-measures';
import { countMeasure } from '../aggregation/count-measure';
import { uniqueCountMeasure } from '../aggregation/unique-count-measure';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import type { TimeWindow } from '../window/time-window';
import type { FiredPane } from './fired-pane';
import type { PaneCollector } from './pane-collector';
import type { KeyState } from './window-state';
import { WindowEngine } from './window-engine';

interface Click {
  ts: number;
  key: string;
  user: string;
}

const measures = composeMeasures({ clicks: countMeasure<Click>(), users: uniqueCountMeasure((c: Click) => c.user) });
type Acc = unknown[];
type Out = ReturnType<typeof measures.result>;
const config = (accumulationMode: 'discarding' | 'accumulating', allowedLatenessMs: number, maxHeldEvents?: number) => ({
  assigner: new TumblingWindowAssigner(1_000),
  keyOf: (c: Click) => c.key,
  timestampOf: (c: Click) => c.ts,
  aggregation: measures,
  allowedLatenessMs,
  accumulationMode,
  ...(maxHeldEvents === undefined ? {} : { maxHeldEvents }),
});

/** Reads each pane at collect time, while its accumulator is valid (it is emptied right after in discarding mode). */
class ResultCollector implements PaneCollector<Acc> {
  readonly panes: FiredPane<Out>[] = [];
  collect(keyState: KeyState<Acc>, window: TimeWindow, pane: number, isFinal: boolean, acc: Acc): void {
    this.panes.push({ key: keyState.key, window, pane, isFinal, measures: measures.result(acc) });
  }
}

type Step = { kind: 'event'; click: Click } | { kind: 'watermark'; to: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ ts: fc.integer({ min: 0, max: 5_999 }), key: fc.constantFrom('a', 'b', 'c', 'd'), user: fc.constantFrom('u1', 'u2', 'u3') }).map((click) => ({ kind: 'event' as const, click })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 7_000 }).map((to) => ({ kind: 'watermark' as const, to })) },
);

describe('WindowEngine.advanceWatermarkInto', () => {
  it('hands the collector the same panes, in the same order, as advanceWatermark returns, and counts them', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 80 }),
        fc.constantFrom('discarding' as const, 'accumulating' as const),
        fc.constantFrom(0, 1_500),
        fc.constantFrom(undefined, 3),
        (steps, mode, lateness, maxHeld) => {
          // The bound applies in discarding mode only.
          const bound = mode === 'discarding' ? maxHeld : undefined;
          const returned = new WindowEngine(config(mode, lateness, bound)) as WindowEngine<Click, Acc, Out>;
          const collected = new WindowEngine(config(mode, lateness, bound)) as WindowEngine<Click, Acc, Out>;
          const expected: FiredPane<Out>[] = [];
          const collector = new ResultCollector();
          for (const step of [...steps, { kind: 'watermark' as const, to: Number.MAX_SAFE_INTEGER }]) {
            if (step.kind === 'event') {
              returned.add(step.click);
              collected.add(step.click);
              expected.push(...returned.takeEarlyPanes());
              collector.panes.push(...collected.takeEarlyPanes());
            } else {
              const panes = returned.advanceWatermark(step.to);
              expected.push(...panes);
              const before = collector.panes.length;
              expect(collected.advanceWatermarkInto(step.to, collector)).toBe(panes.length);
              expect(collector.panes.length - before).toBe(panes.length);
            }
          }
          expect(collector.panes).toEqual(expected);
          expect(collected.stats()).toEqual(returned.stats());
        },
      ),
    );
  });

  it('skips keys that emitted early and got nothing since, also after a restore into an engine without the bound', () => {
    const bounded = new WindowEngine(config('discarding', 0, 2)) as WindowEngine<Click, Acc, Out>;
    for (const [key, user] of [['a', 'u1'], ['b', 'u2'], ['c', 'u3']]) bounded.add({ ts: 100, key: key as string, user: user as string });
    // Over the bound: every key emitted early and is empty; then only b gets more.
    expect(bounded.takeEarlyPanes().map((p) => p.key)).toEqual(['a', 'b', 'c']);
    bounded.add({ ts: 200, key: 'b', user: 'u4' });
    const restored = WindowEngine.restore(config('discarding', 0), JSON.parse(JSON.stringify(bounded.snapshot()))) as WindowEngine<Click, Acc, Out>;
    const collector = new ResultCollector();
    expect(restored.advanceWatermarkInto(999, collector)).toBe(1);
    expect(collector.panes).toEqual([{ key: 'b', window: { start: 0, end: 1_000 }, pane: 1, isFinal: true, measures: { clicks: 1, users: { count: 1, ids: ['u4'] } } }]);
    expect(restored.stats().firedPanes).toBe(4);
  });

  it('returns 0 and calls nothing when no window is due', () => {
    const e = new WindowEngine(config('discarding', 0)) as WindowEngine<Click, Acc, Out>;
    e.add({ ts: 1_500, key: 'a', user: 'u1' });
    const collector = new ResultCollector();
    expect(e.advanceWatermarkInto(1_998, collector)).toBe(0);
    expect(collector.panes).toEqual([]);
    expect(e.advanceWatermarkInto(1_999, collector)).toBe(1);
    expect(collector.panes).toEqual([{ key: 'a', window: { start: 1_000, end: 2_000 }, pane: 0, isFinal: true, measures: { clicks: 1, users: { count: 1, ids: ['u1'] } } }]);
  });
});
