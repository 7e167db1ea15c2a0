// Hot-path cost of WatermarkTracker.observe + WindowEngine.add (plus a watermark advance every
// 4096 events), per event. Run: npx tsx --tsconfig tsconfig.base.json libs/window-engine/bench/observe-and-add.bench.ts
// Worst case on purpose: every event is a new (key, user) pair, so each unique-count add inserts.
import { WatermarkTracker } from '@clickstream/watermark';
import { composeMeasures, countMeasure, TumblingWindowAssigner, uniqueCountMeasure, WindowEngine, type Aggregation } from '../src/index';

interface Click {
  ts: number;
  key: string;
  userId: string;
  partition: number;
}

const N = 2_000_000;
const countries = ['US', 'DE', 'FR', 'IN', 'BR', 'JP', 'GB', 'CA', 'AU', 'ES'];
const keys = Array.from({ length: 2_000 }, (_, i) => `/page/${i % 200}\u0000${countries[i % 10]}`);
const users = Array.from({ length: 200_000 }, (_, i) => `u${i}`);
const t0 = 1_715_200_000_000;
const events: Click[] = Array.from({ length: N }, (_, i) => ({
  // 10k events per second of event time, up to 1.8 s out of order.
  ts: t0 + Math.floor(i / 10) - (i % 7) * 300,
  key: keys[(i * 7_919) % keys.length] as string,
  userId: users[(i * 104_729) % users.length] as string,
  partition: i % 12,
}));

function measure<Acc>(name: string, aggregation: Aggregation<Click, Acc, unknown>): void {
  for (let round = 0; round < 3; round++) {
    const tracker = new WatermarkTracker({ outOfOrdernessMs: 10_000, idleTimeoutMs: 30_000 });
    const engine = new WindowEngine({
      assigner: new TumblingWindowAssigner(),
      keyOf: (e: Click) => e.key,
      timestampOf: (e: Click) => e.ts,
      aggregation,
      accumulationMode: 'discarding',
    });
    const started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      const e = events[i] as Click;
      tracker.observe(e.partition, e.ts, i >> 10);
      engine.add(e);
      if ((i & 4_095) === 0) engine.advanceWatermark(tracker.currentWatermark(i >> 10));
    }
    engine.advanceWatermark(Number.MAX_SAFE_INTEGER);
    const ns = Number(process.hrtime.bigint() - started) / N;
    process.stdout.write(`${name} round ${round}: ${ns.toFixed(0)} ns/event (${(1_000 / ns).toFixed(2)} M events/s)\n`);
  }
}

measure('count', countMeasure<Click>());
measure('count + unique users', composeMeasures({ clicks: countMeasure<Click>(), uniqueUsers: uniqueCountMeasure((e: Click) => e.userId) }));
