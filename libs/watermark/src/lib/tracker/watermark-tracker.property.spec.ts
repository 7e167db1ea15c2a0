import fc from 'fast-check';
import { MIN_WATERMARK } from '../bounds/watermark-bounds';
import { WatermarkTracker } from './watermark-tracker';

type Op =
  | { kind: 'observe'; source: number; ts: number; dt: number }
  | { kind: 'read'; dt: number }
  | { kind: 'peek' }
  | { kind: 'add'; source: number }
  | { kind: 'remove'; source: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('observe' as const), source: fc.nat(3), ts: fc.integer({ min: -5_000, max: 50_000 }), dt: fc.nat(400) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), dt: fc.nat(1_500) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'peek' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), source: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), source: fc.nat(4) }) },
);

interface RefSource {
  max: number | undefined;
  last: number;
  idle: boolean;
}

/** Brute force: scan every source on every read; no min-holder bookkeeping. */
class ReferenceTracker {
  combined = MIN_WATERMARK;
  sources = new Map<number, RefSource>();
  globalMax: number | undefined;
  lastEventAt: number | undefined;
  constructor(
    readonly bound: number,
    readonly idle: number | undefined,
    readonly quiet: number | undefined,
  ) {}

  observe(source: number, ts: number, now: number): void {
    const s = this.sources.get(source) ?? { max: undefined, last: now, idle: false };
    this.sources.set(source, s);
    s.max = s.max === undefined ? ts : Math.max(s.max, ts);
    s.last = now;
    s.idle = false;
    this.globalMax = this.globalMax === undefined ? ts : Math.max(this.globalMax, ts);
    this.lastEventAt = now;
  }

  combineActive(): void {
    const active = [...this.sources.values()].filter((s) => !s.idle);
    if (active.length > 0) {
      const min = Math.min(...active.map((s) => (s.max === undefined ? MIN_WATERMARK : s.max - this.bound - 1)));
      this.combined = Math.max(this.combined, min);
    }
  }

  read(now: number | undefined): number {
    if (now !== undefined && this.idle !== undefined) {
      this.combineActive();
      for (const s of this.sources.values()) if (now - s.last >= this.idle) s.idle = true;
    }
    this.combineActive();
    if (now !== undefined && this.quiet !== undefined && this.lastEventAt !== undefined && this.globalMax !== undefined) {
      if (now - this.lastEventAt >= this.quiet) this.combined = Math.max(this.combined, this.globalMax + (now - this.lastEventAt) - this.bound - 1);
    }
    return this.combined;
  }
}

describe('WatermarkTracker properties', () => {
  it('matches a brute-force min over active sources, and never decreases', () => {
    fc.assert(
      fc.property(
        fc.nat(2_000),
        fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: undefined }),
        fc.array(opArb, { maxLength: 80 }),
        (bound, idleTimeoutMs, quietAfter, ops) => {
          const t = new WatermarkTracker({ outOfOrdernessMs: bound, idleTimeoutMs, ...(quietAfter === undefined ? {} : { quietAdvance: { afterMs: quietAfter } }) });
          const ref = new ReferenceTracker(bound, idleTimeoutMs, quietAfter);
          let now = 0;
          let previous = MIN_WATERMARK;
          for (const op of ops) {
            let actual: number | undefined;
            let expected: number | undefined;
            if (op.kind === 'observe') {
              now += op.dt;
              t.observe(op.source, op.ts, now);
              ref.observe(op.source, op.ts, now);
            } else if (op.kind === 'read') {
              now += op.dt;
              actual = t.currentWatermark(now);
              expected = ref.read(now);
            } else if (op.kind === 'peek') {
              actual = t.watermark;
              expected = ref.read(undefined);
            } else if (op.kind === 'add') {
              t.addSource(op.source, now);
              if (!ref.sources.has(op.source)) ref.sources.set(op.source, { max: undefined, last: now, idle: false });
            } else {
              t.removeSource(op.source);
              ref.sources.delete(op.source);
            }
            if (actual !== undefined) {
              expect(actual).toBe(expected);
              expect(actual).toBeGreaterThanOrEqual(previous);
              previous = actual;
            }
          }
          expect(t.idleSources().sort()).toEqual([...ref.sources].filter(([, s]) => s.idle).map(([id]) => id).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('restore-then-continue equals the uninterrupted run at any cut point', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.nat(60), (ops, cutAt) => {
        const config = { outOfOrdernessMs: 300, idleTimeoutMs: 700, quietAdvance: { afterMs: 1_000 } };
        const run = (cut: number | undefined): number[] => {
          let t = new WatermarkTracker(config);
          let now = 0;
          const out: number[] = [];
          ops.forEach((op, i) => {
            if (i === cut) t = WatermarkTracker.restore(config, JSON.parse(JSON.stringify(t.snapshot())));
            if (op.kind === 'observe') t.observe(op.source, op.ts, (now += op.dt));
            else if (op.kind === 'read') out.push(t.currentWatermark((now += op.dt)));
            else if (op.kind === 'peek') out.push(t.watermark);
            else if (op.kind === 'add') t.addSource(op.source, now);
            else t.removeSource(op.source);
          });
          out.push(t.currentWatermark(now + 5_000), t.idleSources().length);
          return out;
        };
        expect(run(cutAt)).toEqual(run(undefined));
      }),
      { numRuns: 300 },
    );
  });
});
