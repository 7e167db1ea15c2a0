import fc from 'fast-check';
import { composeMeasures } from '../aggregation/compose-measures';
import { countMeasure } from '../aggregation/count-measure';
import { uniqueCountMeasure } from '../aggregation/unique-count-measure';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import { WindowConfigError } from '../errors/window-config-error';
import type { FiredPane } from './fired-pane';
import { WindowEngine } from './window-engine';

interface Click {
  ts: number;
  key: string;
  user: string;
}

const measures = composeMeasures({ clicks: countMeasure<Click>(), users: uniqueCountMeasure((c: Click) => c.user) });
type Out = { clicks: number; users: { count: number; ids: string[] } };
const config = (maxHeldEvents?: number, allowedLatenessMs = 0) => ({
  assigner: new TumblingWindowAssigner(1_000),
  keyOf: (c: Click) => c.key,
  timestampOf: (c: Click) => c.ts,
  aggregation: measures,
  allowedLatenessMs,
  accumulationMode: 'discarding' as const,
  ...(maxHeldEvents === undefined ? {} : { maxHeldEvents }),
});

type Step = { kind: 'event'; click: Click } | { kind: 'watermark'; to: number } | { kind: 'restore' };

/** Every pane in emission order: early panes where add emitted them, fired panes at each watermark. */
function run(steps: Step[], maxHeldEvents: number | undefined, allowedLatenessMs: number, onAdd?: (e: WindowEngine<Click, unknown[], Out>) => void): FiredPane<Out>[] {
  let e = new WindowEngine(config(maxHeldEvents, allowedLatenessMs)) as WindowEngine<Click, unknown[], Out>;
  const out: FiredPane<Out>[] = [];
  for (const step of steps) {
    if (step.kind === 'event') {
      e.add(step.click);
      if (e.hasEarlyPanes) out.push(...e.takeEarlyPanes());
      onAdd?.(e);
    } else if (step.kind === 'watermark') {
      out.push(...e.advanceWatermark(step.to));
    } else {
      e = WindowEngine.restore(config(maxHeldEvents, allowedLatenessMs), JSON.parse(JSON.stringify(e.snapshot()))) as WindowEngine<Click, unknown[], Out>;
    }
  }
  out.push(...e.advanceWatermark(Number.MAX_SAFE_INTEGER));
  return out;
}

/** What ClickHouse makes of the partial panes: per (window, key), summed clicks and the union of users. */
function merged(panes: FiredPane<Out>[]): Map<string, { clicks: number; users: string[] }> {
  const totals = new Map<string, { clicks: number; users: Set<string> }>();
  for (const p of panes) {
    const id = `${p.window.start}/${p.key}`;
    const t = totals.get(id) ?? { clicks: 0, users: new Set<string>() };
    t.clicks += p.measures.clicks;
    for (const u of p.measures.users.ids) t.users.add(u);
    totals.set(id, t);
  }
  return new Map([...totals].map(([id, t]) => [id, { clicks: t.clicks, users: [...t.users].sort() }]));
}

const steps = fc.array(
  fc.oneof(
    { weight: 20, arbitrary: fc.record({ ts: fc.integer({ min: 0, max: 5_999 }), key: fc.constantFrom('a', 'b', 'c', 'd'), user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5') }).map((click): Step => ({ kind: 'event', click })) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 6_000 }).map((to): Step => ({ kind: 'watermark', to })) },
    { weight: 1, arbitrary: fc.constant<Step>({ kind: 'restore' }) },
  ),
  { maxLength: 120 },
);

describe('WindowEngine: the held-events bound (maxHeldEvents)', () => {
  it('is refused in accumulating mode and when not a positive integer', () => {
    expect(() => new WindowEngine({ ...config(10), accumulationMode: 'accumulating' })).toThrow(WindowConfigError);
    expect(() => new WindowEngine(config(0))).toThrow(WindowConfigError);
    expect(() => new WindowEngine(config(1.5))).toThrow(WindowConfigError);
  });

  it('emits the fullest window early once more events are held than the bound, then fires the rest on time', () => {
    const e = new WindowEngine(config(3)) as WindowEngine<Click, unknown[], Out>;
    e.add({ ts: 10, key: 'a', user: 'u1' });
    e.add({ ts: 1_010, key: 'a', user: 'u1' });
    e.add({ ts: 20, key: 'b', user: 'u2' });
    expect(e.hasEarlyPanes).toBe(false);
    e.add({ ts: 30, key: 'a', user: 'u3' }); // 4 held: window [0, 1000) holds 3
    const early = e.takeEarlyPanes();
    expect(early.map((p) => [p.window.start, p.key, p.pane, p.isFinal, p.measures.clicks])).toEqual([
      [0, 'a', 0, false, 2],
      [0, 'b', 0, false, 1],
    ]);
    expect(e.hasEarlyPanes).toBe(false);
    e.add({ ts: 40, key: 'a', user: 'u1' });
    // On time: 'a' carries what came after its early pane; 'b' got nothing since and says nothing.
    expect(e.advanceWatermark(999).map((p) => [p.window.start, p.key, p.pane, p.isFinal, p.measures.clicks])).toEqual([[0, 'a', 1, true, 1]]);
  });

  it("changes no merged total, numbers each key's panes 0, 1, 2 ..., keeps the bound, and survives snapshots (property)", () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 1_500), (input, bound, lateness) => {
        const unbounded = run(input.filter((s) => s.kind !== 'restore'), undefined, lateness);
        let maxHeld = 0;
        const bounded = run(input, bound, lateness, (e) => {
          const held = JSON.parse(JSON.stringify(e.snapshot())).windows.flatMap((w: { held?: number[] }) => w.held ?? []).reduce((a: number, b: number) => a + b, 0);
          maxHeld = Math.max(maxHeld, held);
        });
        expect(merged(bounded)).toEqual(merged(unbounded));
        expect(maxHeld).toBeLessThanOrEqual(bound);
        const next = new Map<string, number>();
        for (const p of bounded) {
          const id = `${p.window.start}/${p.key}`;
          expect(p.pane).toBe(next.get(id) ?? 0);
          next.set(id, p.pane + 1);
        }
        // The same input without restores gives the same panes: where the bound bites depends on the input only.
        expect(run(input.filter((s) => s.kind !== 'restore'), bound, lateness)).toEqual(bounded);
      }),
      { numRuns: 300 },
    );
  });
});
