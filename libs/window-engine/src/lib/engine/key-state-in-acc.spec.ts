import type { Aggregation } from '../aggregation/aggregation';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import { WindowConfigError } from '../errors/window-config-error';
import type { AccumulationMode } from './window-engine-config';
import { WindowEngine } from './window-engine';
import type { KeyState } from './window-state';

interface Click {
  ts: number;
  key: string;
}

/** A count whose accumulator can also be the key's state (Aggregation.createKeyState). */
class Count {
  n = 0;
}
class CountKeyState extends Count implements KeyState<Count> {
  acc: Count | undefined = this;
  hasAcc = true;
  nextPane = 0;
  pendingLate = false;
  held = 0;
  constructor(
    readonly key: string,
    readonly seq: number,
  ) {
    super();
  }
}

const made = { keyStates: 0, accs: 0, cleared: 0 };
/** The keys the engine handed createKeyState (undefined: it had not made the key). */
const keysGiven: (string | undefined)[] = [];
const count: Aggregation<Click, Count, number> = {
  create: () => {
    made.accs++;
    return new Count();
  },
  createKeyState: (c, seq, key) => {
    made.keyStates++;
    keysGiven.push(key);
    return new CountKeyState(c.key, seq);
  },
  clearAcc: (acc) => {
    made.cleared++;
    acc.n = 0;
  },
  add: (acc) => {
    acc.n++;
    return acc;
  },
  result: (acc) => acc.n,
  snapshotAcc: (acc) => acc.n,
  restoreAcc: (snapshot) => Object.assign(new Count(), { n: snapshot as number }),
};

const engine = (accumulationMode: AccumulationMode, aggregation: Aggregation<Click, Count, number> = count) =>
  new WindowEngine({ assigner: new TumblingWindowAssigner(60_000), keyOf: (c: Click) => c.key, timestampOf: (c: Click) => c.ts, aggregation, allowedLatenessMs: 60_000, accumulationMode });
const panes = (out: { key: string; pane: number; measures: number }[]) => out.map((p) => [p.key, p.pane, p.measures]);

describe('WindowEngine with key states made by the aggregation (createKeyState)', () => {
  beforeEach(() => {
    made.keyStates = 0;
    made.accs = 0;
    made.cleared = 0;
    keysGiven.length = 0;
  });

  it('hands createKeyState the key it made to look the key up (no key slots here: every lookup is by key)', () => {
    const e = engine('discarding');
    for (const [ts, key] of [[1, 'a'], [2, 'b'], [3, 'a']] as const) e.add({ ts, key });
    expect(keysGiven).toEqual(['a', 'b']);
  });

  it('counts in the key state itself, and late data after a discarding pane in a fresh accumulator', () => {
    const e = engine('discarding');
    for (const [ts, key] of [[1, 'a'], [2, 'b'], [3, 'a'], [4, 'a']] as const) e.add({ ts, key });
    expect(made).toEqual({ keyStates: 2, accs: 0, cleared: 0 });
    expect(panes(e.advanceWatermark(59_999))).toEqual([['a', 0, 3], ['b', 0, 1]]);
    // Both key states emptied with their panes (what they held is freed), not left holding counts.
    expect(made.cleared).toBe(2);
    e.add({ ts: 5, key: 'a' });
    e.add({ ts: 6, key: 'a' });
    expect(made).toEqual({ keyStates: 2, accs: 1, cleared: 2 });
    // A fresh accumulator is dropped, not cleared.
    expect(panes(e.advanceWatermark(60_000))).toEqual([['a', 1, 2]]);
    expect(made.cleared).toBe(2);
    // The same through a checkpoint: restored key states are plain ones, counts kept.
    e.add({ ts: 7, key: 'b' });
    const restored = WindowEngine.restore({ assigner: new TumblingWindowAssigner(60_000), keyOf: (c: Click) => c.key, timestampOf: (c: Click) => c.ts, aggregation: count, allowedLatenessMs: 60_000, accumulationMode: 'discarding' }, JSON.parse(JSON.stringify(e.snapshot())));
    restored.add({ ts: 8, key: 'b' });
    expect(panes(restored.advanceWatermark(60_001))).toEqual([['b', 1, 2]]);
  });

  it('keeps accumulating in the key state (accumulating mode)', () => {
    const e = engine('accumulating');
    for (const ts of [1, 2]) e.add({ ts, key: 'a' });
    expect(panes(e.advanceWatermark(59_999))).toEqual([['a', 0, 2]]);
    e.add({ ts: 3, key: 'a' });
    expect(panes(e.advanceWatermark(60_000))).toEqual([['a', 1, 3]]);
    expect(made).toEqual({ keyStates: 1, accs: 0, cleared: 0 });
  });

  it('empties key states whose early panes went out under a held-events bound', () => {
    const e = new WindowEngine({ assigner: new TumblingWindowAssigner(60_000), keyOf: (c: Click) => c.key, timestampOf: (c: Click) => c.ts, aggregation: count, accumulationMode: 'discarding', maxHeldEvents: 3 });
    for (const ts of [1, 2, 3, 4]) e.add({ ts, key: 'a' });
    expect(panes(e.takeEarlyPanes())).toEqual([['a', 0, 4]]);
    expect(made.cleared).toBe(1);
    e.add({ ts: 5, key: 'a' });
    expect(panes(e.advanceWatermark(59_999))).toEqual([['a', 1, 1]]);
  });

  it('refuses an aggregation with columns written but not read, a key-state maker without clearAcc, or one that is no function', () => {
    expect(() => engine('discarding', { ...count, snapshotAccs: () => ({}) })).toThrow(WindowConfigError);
    expect(() => engine('discarding', { ...count, clearAcc: undefined })).toThrow(WindowConfigError);
    expect(() => engine('discarding', { ...count, createKeyState: 1 as never })).toThrow(WindowConfigError);
  });

  it('refuses columns written as an array (they would be read back as a value per key)', () => {
    const e = engine('discarding', { ...count, snapshotAccs: () => [1], restoreAccs: () => [] });
    e.add({ ts: 1, key: 'a' });
    expect(() => e.snapshot()).toThrow(/must not return an array/);
  });
});
