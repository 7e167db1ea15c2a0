import { WatermarkTracker } from '@clickstream/watermark';
import fc from 'fast-check';
import { composeMeasures } from '../aggregation/compose-measures';
import { countMeasure } from '../aggregation/count-measure';
import { uniqueCountMeasure } from '../aggregation/unique-count-measure';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import type { AccumulationMode } from './window-engine-config';
import { WindowEngine } from './window-engine';

interface Click {
  id: number;
  source: number;
  ts: number;
  key: string;
  user: string;
}

interface Scenario {
  bound: number;
  size: number;
  offset: number;
  lateness: number;
  mode: AccumulationMode;
  events: Click[];
}

/** What the test compares: one fired pane, tagged with the step (event index, or n for the flush) that emitted it. */
interface PaneRow {
  step: number;
  key: string;
  start: number;
  end: number;
  pane: number;
  isFinal: boolean;
  clicks: number;
  users: string[];
}

interface LateRow {
  id: number;
  start: number;
  end: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    sources: fc.integer({ min: 1, max: 4 }),
    bound: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
    size: fc.constantFrom(1_000, 10_000, 60_000),
    offsetFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
    lateness: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40_000 })),
    mode: fc.constantFrom<AccumulationMode>('accumulating', 'discarding'),
    steps: fc.array(
      fc.record({
        source: fc.nat(3),
        advance: fc.nat(6_000),
        jitter: fc.integer({ min: -40_000, max: 3_000 }),
        key: fc.constantFrom('a', 'b', 'c'),
        user: fc.constantFrom('u0', 'u1', 'u2', 'u3', 'u4'),
      }),
      { maxLength: 60 },
    ),
  })
  .map(({ sources, bound, size, offsetFraction, lateness, mode, steps }) => {
    let clock = 1_000_000;
    const events = steps.map((s, id) => {
      clock += s.advance;
      return { id, source: s.source % sources, ts: clock + s.jitter, key: s.key, user: s.user };
    });
    return { bound, size, offset: Math.floor(offsetFraction * size), lateness, mode, events };
  });

const measures = composeMeasures({ clicks: countMeasure<Click>(), users: uniqueCountMeasure((c: Click) => c.user) });

/** Key slots per event (WindowEngineConfig.keySlotOf), or none; with `epochs`, the slot epoch at each event. */
interface Slotting {
  readonly slots: readonly number[];
  readonly epochs?: readonly number[];
  /** The event being added (keySlotEpoch reads the epoch at it). */
  at: number;
}

const configFor = (s: Scenario, slotting?: Slotting) => ({
  assigner: new TumblingWindowAssigner(s.size, s.offset),
  keyOf: (c: Click) => c.key,
  ...(slotting === undefined ? {} : { keySlotOf: (c: Click) => slotting.slots[c.id] as number }),
  ...(slotting?.epochs === undefined ? {} : { keySlotEpoch: () => slotting.epochs?.[slotting.at] as number }),
  timestampOf: (c: Click) => c.ts,
  aggregation: measures,
  allowedLatenessMs: s.lateness,
  accumulationMode: s.mode,
});
const engineFor = (s: Scenario, slotting?: Slotting) => new WindowEngine(configFor(s, slotting));

type Engine = ReturnType<typeof engineFor>;
type Pane = ReturnType<Engine['advanceWatermark']>[number];

const row = (step: number, p: Pane): PaneRow => ({
  step,
  key: p.key,
  start: p.window.start,
  end: p.window.end,
  pane: p.pane,
  isFinal: p.isFinal,
  clicks: p.measures.clicks,
  users: p.measures.users.ids,
});

/** The system under test, as the aggregator wires it: observe, add, advance after every event, then flush. */
function runEngine(s: Scenario, idleTimeoutMs?: number, cutAt?: number, slotting?: Slotting): { panes: PaneRow[]; late: LateRow[]; stats: unknown } {
  const trackerConfig = { outOfOrdernessMs: s.bound, idleTimeoutMs, quietAdvance: idleTimeoutMs === undefined ? undefined : { afterMs: 3 * idleTimeoutMs } };
  let tracker = new WatermarkTracker(trackerConfig);
  let engine = engineFor(s, slotting);
  const panes: PaneRow[] = [];
  const late: LateRow[] = [];
  s.events.forEach((ev, i) => {
    if (i === cutAt) {
      const saved = JSON.stringify({ tracker: tracker.snapshot(), engine: engine.snapshot() });
      const parsed = JSON.parse(saved) as { tracker: unknown; engine: unknown };
      tracker = WatermarkTracker.restore(trackerConfig, parsed.tracker);
      engine = WindowEngine.restore(configFor(s, slotting), parsed.engine);
    }
    const now = i * 700;
    if (slotting !== undefined) slotting.at = i;
    tracker.observe(ev.source, ev.ts, now);
    for (const l of engine.add(ev) ?? []) late.push({ id: l.event.id, start: l.window.start, end: l.window.end });
    for (const p of engine.advanceWatermark(tracker.currentWatermark(now))) panes.push(row(i, p));
  });
  for (const p of engine.advanceWatermark(Number.MAX_SAFE_INTEGER)) panes.push(row(s.events.length, p));
  return { panes, late, stats: engine.stats() };
}

/**
 * Brute-force reference, written independently of the engine: compute every watermark, decide
 * lateness per event, then group the rest by the step their pane is emitted at.
 */
function reference(s: Scenario): { panes: PaneRow[]; late: LateRow[] } {
  const n = s.events.length;
  const MIN = Number.MIN_SAFE_INTEGER;
  const wmAfter: number[] = [];
  const maxBySource = new Map<number, number>();
  let wm = MIN;
  for (const ev of s.events) {
    maxBySource.set(ev.source, Math.max(maxBySource.get(ev.source) ?? MIN, ev.ts));
    wm = Math.max(wm, Math.min(...maxBySource.values()) - s.bound - 1);
    wmAfter.push(wm);
  }
  const wmAt = (step: number) => (step === n ? Number.MAX_SAFE_INTEGER : (wmAfter[step] as number));
  const late: LateRow[] = [];
  const groups = new Map<string, { step: number; key: string; start: number; end: number; events: Click[] }>();
  s.events.forEach((ev, i) => {
    const start = Math.floor((ev.ts - s.offset) / s.size) * s.size + s.offset;
    const end = start + s.size;
    const before = i === 0 ? MIN : wmAt(i - 1);
    if (end - 1 + s.lateness <= before) {
      late.push({ id: ev.id, start, end });
      return;
    }
    let step = i;
    if (before < end - 1) while (step < n && wmAt(step) < end - 1) step++;
    const id = `${step}|${start}|${ev.key}`;
    const g = groups.get(id) ?? { step, key: ev.key, start, end, events: [] };
    g.events.push(ev);
    groups.set(id, g);
  });
  // Within a window, panes follow the order its keys first arrived (first accepted event per window and key).
  const firstArrival = new Map<string, number>();
  for (const g of groups.values()) {
    const id = `${g.start}|${g.key}`;
    firstArrival.set(id, Math.min(firstArrival.get(id) ?? Infinity, (g.events[0] as Click).id));
  }
  const arrival = (g: { start: number; key: string }) => firstArrival.get(`${g.start}|${g.key}`) as number;
  const ordered = [...groups.values()].sort((a, b) => a.step - b.step || a.end - b.end || arrival(a) - arrival(b));
  const soFar = new Map<string, Click[]>();
  const paneNo = new Map<string, number>();
  const panes = ordered.map((g): PaneRow => {
    const id = `${g.start}|${g.key}`;
    const all = [...(soFar.get(id) ?? []), ...g.events];
    soFar.set(id, all);
    const pane = paneNo.get(id) ?? 0;
    paneNo.set(id, pane + 1);
    const contents = s.mode === 'accumulating' ? all : g.events;
    const users = [...new Set(contents.map((c) => c.user))];
    return { step: g.step, key: g.key, start: g.start, end: g.end, pane, isFinal: wmAt(g.step) >= g.end - 1 + s.lateness, clicks: contents.length, users };
  });
  return { panes, late };
}

describe('WindowEngine + WatermarkTracker properties', () => {
  it('fire exactly what a brute-force reference model fires, over random streams and partitionings', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const actual = runEngine(s);
        const expected = reference(s);
        expect(actual.panes).toEqual(expected.panes);
        expect(actual.late).toEqual(expected.late);
        expect(actual.stats).toMatchObject({
          openWindows: 0,
          openKeys: 0,
          lateEvents: expected.late.length,
          acceptedEvents: s.events.length - expected.late.length,
          firedPanes: expected.panes.length,
        });
      }),
      { numRuns: 400 },
    );
  });

  it('take key slots as hints only: any slots (shared by keys, changing, negative, huge, fractional) fire what the reference fires', () => {
    // Per event: mostly a key's own slot (a, b, c -> 0, 1, 2), else anything, so slots collide and move.
    const slotArb = fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1, 2, 3, 5_000, 2 ** 21, 2 ** 31, 1.5, Number.NaN) },
    );
    fc.assert(
      fc.property(scenarioArb, fc.array(slotArb, { minLength: 60, maxLength: 60 }), fc.nat(60), (s, picks, cut) => {
        const slots = s.events.map((ev, i) => picks[i] ?? 'abc'.indexOf(ev.key));
        const expected = reference(s);
        const actual = runEngine(s, undefined, undefined, { slots, at: 0 });
        expect(actual.panes).toEqual(expected.panes);
        expect(actual.late).toEqual(expected.late);
        expect(runEngine(s, undefined, cut % (s.events.length + 1), { slots, at: 0 })).toEqual(actual);
      }),
      { numRuns: 300 },
    );
  });

  it('trust exact slots within an epoch: keys renumbered at random epochs, some without a slot, fire what the reference fires', () => {
    // Per event: whether the slot epoch moves on before it, and whether the key comes without a slot.
    const stepArb = fc.record({ bump: fc.boolean(), none: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(scenarioArb, fc.array(stepArb, { minLength: 60, maxLength: 60 }), fc.nat(2), fc.nat(60), (s, steps, spread, cut) => {
        let epoch = 0;
        const epochs = s.events.map((_, i) => (steps[i]?.bump && i % 4 === 0 ? ++epoch : epoch));
        // One slot per key per epoch, different in every epoch (a, b, c trade places, and move up).
        const slots = s.events.map((ev, i) => ((steps[i]?.none ?? 1) === 0 ? -1 : (('abc'.indexOf(ev.key) + (epochs[i] as number)) % 3) + (spread + 1) * (epochs[i] as number)));
        const expected = reference(s);
        const actual = runEngine(s, undefined, undefined, { slots, epochs, at: 0 });
        expect(actual.panes).toEqual(expected.panes);
        expect(actual.late).toEqual(expected.late);
        expect(runEngine(s, undefined, cut % (s.events.length + 1), { slots, epochs, at: 0 })).toEqual(actual);
      }),
      { numRuns: 300 },
    );
  });

  it('snapshot at a random point + JSON round trip + restore + continue equals the uninterrupted run', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(60), fc.option(fc.integer({ min: 500, max: 5_000 }), { nil: undefined }), (s, cut, idle) => {
        expect(runEngine(s, idle, cut % (s.events.length + 1))).toEqual(runEngine(s, idle));
      }),
      { numRuns: 300 },
    );
  });
});
