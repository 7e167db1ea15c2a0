import { encodeClickEventAvro, encodeClickEventJson, InterningClickEventDecoder, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import { composeMeasures, countMeasure, SnapshotStrings, uniqueCountMeasure, WindowEngine, WindowSnapshotError } from '@clickstream/window-engine';
import { ClickKeyState, clickMeasures, clickUserIds, clickWindowEngineConfig, clickWindowKeys, windowKeyOf, windowKeySeparatorAt } from './click-window-engine';

/** The event's pair ref in clickWindowKeys (as the engine's key slot reads it). */
const windowKeySlot = (e: ClickEvent): number => (e as ClickEvent & { pairRef: number }).pairRef;

describe('click windows', () => {
  it('keys by page and country, and splits the key back', () => {
    const key = windowKeyOf(aClickEvent({ page: '/product/7?ref=a', country: 'DE' }));
    expect(key).toBe(windowKeyOf(aClickEvent({ page: '/product/7?ref=a', country: 'DE', user_id: 'other' })));
    expect(key).not.toBe(windowKeyOf(aClickEvent({ page: '/product/7?ref=a', country: 'US' })));
    const at = windowKeySeparatorAt(key);
    expect([key.slice(0, at), key.slice(at + 1)]).toEqual(['/product/7?ref=a', 'DE']);
  });

  it('counts clicks and exact unique users per window and key, in discarding panes', () => {
    const engine = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    const t0 = Date.UTC(2026, 0, 1);
    for (const [user, ts] of [['u1', t0], ['u2', t0 + 10], ['u1', t0 + 20], ['u3', t0 + 60_000]] as const) {
      engine.add(aClickEvent({ page: '/a', country: 'US', user_id: user, ts }));
    }
    const fired = engine.advanceWatermark(t0 + 59_999);
    expect(fired).toHaveLength(1);
    expect(fired[0]?.window).toEqual({ start: t0, end: t0 + 60_000 });
    expect(fired[0]?.measures.clicks).toBe(3);
    expect(fired[0]?.measures.users.count).toBe(2);
    expect([...(fired[0]?.measures.users.ids ?? [])].sort()).toEqual(['u1', 'u2']);
  });

  it('counts events from the interning decoder exactly as plain events, integer and string paths mixed', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const events: ClickEvent[] = Array.from({ length: 500 }, (_, i) =>
      aClickEvent({ page: `/p${i % 3}`, country: 'US', user_id: `user-${(i * 7) % 41}`, ts: t0 + i * 200 }),
    );
    const plain = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    for (const e of events) plain.add(e);
    const interned = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    const decoder = new InterningClickEventDecoder(clickUserIds, { now: () => t0 + 3_600_000 });
    events.forEach((e, i) => {
      // Avro takes the in-place path, JSON the full decode; every third event bypasses the decoder.
      if (i % 3 === 2) {
        interned.add(e);
        return;
      }
      const decoded = decoder.decodeTransient(i % 3 === 0 ? encodeClickEventAvro(e) : encodeClickEventJson(e));
      if (!decoded.ok) throw new Error(`rejected: ${decoded.reason}`);
      interned.add(decoded);
    });
    const sorted = (panes: ReturnType<typeof plain.advanceWatermark>) =>
      panes.map((p) => ({ ...p, measures: { clicks: p.measures.clicks, users: { count: p.measures.users.count, ids: [...p.measures.users.ids].sort() } } }));
    const expected = sorted(plain.advanceWatermark(t0 + 200_000));
    expect(expected.length).toBeGreaterThan(3);
    expect(sorted(interned.advanceWatermark(t0 + 200_000))).toEqual(expected);
  });

  it('empties a key state that is its own accumulator (clearAcc): no clicks, no users', () => {
    const k = clickMeasures.createKeyState?.(aClickEvent({ page: '/a', country: 'DE' }), 0, undefined);
    if (k === undefined) throw new Error('clickMeasures makes key states');
    expect(k.acc).toBe(k);
    for (const user_id of ['u1', 'u2', 'u3']) clickMeasures.add(k.acc as never, aClickEvent({ user_id }));
    const before = clickMeasures.result(k.acc as never);
    clickMeasures.clearAcc?.(k.acc as never);
    const after = clickMeasures.result(k.acc as never);
    expect([before.clicks, before.users.ids, after.clicks, after.users.ids]).toEqual([3, ['u1', 'u2', 'u3'], 0, []]);
  });

  it('keeps page and country instead of a key string, and makes the key when read (shared in clickWindowKeys)', () => {
    const now = Date.UTC(2026, 0, 1);
    const decoder = new InterningClickEventDecoder(clickUserIds, { now: () => now }, clickWindowKeys);
    const decode = (event: Partial<ClickEvent>) => {
      const decoded = decoder.decodeTransient(encodeClickEventJson(aClickEvent({ ...event, ts: now })));
      if (!decoded.ok) throw new Error(`rejected: ${decoded.reason}`);
      return decoded;
    };
    const fromPair = clickMeasures.createKeyState?.(decode({ page: '/pair-kept', country: 'DE' }), 0, undefined) as ClickKeyState;
    const fromPlain = clickMeasures.createKeyState?.(aClickEvent({ page: '/pair-kept', country: 'DE' }), 1, undefined) as ClickKeyState;
    expect([fromPair.page, fromPair.country, fromPlain.page, fromPlain.country]).toEqual(['/pair-kept', 'DE', '/pair-kept', 'DE']);
    expect([fromPair.key, fromPlain.key, fromPair.seq, fromPlain.seq]).toEqual(['/pair-kept\u0001DE', '/pair-kept\u0001DE', 0, 1]);
    // The current epoch's shared string: the same one the index gives every window.
    expect(fromPair.key).toBe(clickWindowKeys.key(windowKeySlot(decode({ page: '/pair-kept', country: 'DE' }))));
  });

  it('snapshots as the composed count + unique-count measures did, so older checkpoints restore', () => {
    const composed = composeMeasures({ clicks: countMeasure<ClickEvent>(), users: uniqueCountMeasure((e: ClickEvent) => e.user_id) });
    const events = ['u1', 'u2', 'u1', 'u3'].map((user_id) => aClickEvent({ user_id }));
    let old = composed.create();
    let acc = clickMeasures.create();
    for (const e of events) {
      old = composed.add(old, e);
      acc = clickMeasures.add(acc, e);
    }
    const strings = new SnapshotStrings();
    const composedStrings = new SnapshotStrings();
    const snapshot = clickMeasures.snapshotAcc(acc, strings);
    expect(snapshot).toEqual(composed.snapshotAcc(old, composedStrings));
    expect(snapshot).toEqual([4, [0, 1, 2]]);
    expect(strings.list).toEqual(composedStrings.list);
    const restored = clickMeasures.restoreAcc(composed.snapshotAcc(old, new SnapshotStrings()), strings.list);
    const result = clickMeasures.result(restored);
    const plain = { clicks: result.clicks, users: { count: result.users.count, ids: result.users.ids } };
    expect(plain).toEqual(composed.result(old));
    expect(plain).toEqual({ clicks: 4, users: { count: 3, ids: ['u1', 'u2', 'u3'] } });
    // A copy: later events do not change a pane already fired.
    clickMeasures.add(restored, aClickEvent({ user_id: 'u9' }));
    expect(result.users.ids).toEqual(['u1', 'u2', 'u3']);
    for (const bad of [[1], [-1, []], [1.5, []], [2, ['u1', 7]], [2, [3]], 'x', null]) expect(() => clickMeasures.restoreAcc(bad as never, strings.list)).toThrow(WindowSnapshotError);
    // Format v1 held the ids themselves.
    expect(clickMeasures.result(clickMeasures.restoreAcc([2, ['u5', 'u1']], [])).users.ids).toEqual(['u5', 'u1']);
  });

  it('writes a window\'s accumulators as columns, and restores them, older per-key checkpoints and refusals alike', () => {
    // Allowed lateness keeps a fired window (and its emptied keys) in the state.
    const config = clickWindowEngineConfig(60_000, 60_000);
    const engine = new WindowEngine(config);
    const events = [
      ['/a', 'DE', 'u1'], ['/b', 'DE', 'u2'], ['/a', 'DE', 'u3'], ['/a', 'DE', 'u1'], ['/c', 'FR', 'u2'],
      ...Array.from({ length: 12 }, (_, i) => ['/d', 'FR', `w${i}`]),
    ].map(([page, country, user_id], i) => aClickEvent({ page, country, user_id, ts: 1_000 + i }));
    for (const e of events) engine.add(e);
    // A fired pane empties its key (discarding mode), then a late event of another key.
    const fired = engine.advanceWatermark(59_999).map((p) => [p.key, p.measures.clicks, p.measures.users.ids]);
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot())) as { format: string; windows: { accs: unknown; empty: number[] }[] };
    expect(snapshot.format).toBe('clickstream.window-engine.v3');
    // Every key was fired and emptied: no accumulators, empty columns.
    expect(snapshot.windows[0]).toMatchObject({ accs: { clicks: [], users: [] }, empty: [0, 1, 2, 3] });
    expect(fired).toEqual([
      [windowKeyOf(events[0] as ClickEvent), 3, ['u1', 'u3']],
      [windowKeyOf(events[1] as ClickEvent), 1, ['u2']],
      [windowKeyOf(events[4] as ClickEvent), 1, ['u2']],
      [windowKeyOf(events[5] as ClickEvent), 12, Array.from({ length: 12 }, (_, i) => `w${i}`)],
    ]);

    // An open window: columns of every key, restored into an engine that fires the same panes.
    const open = new WindowEngine(config);
    for (const e of events) open.add({ ...e, ts: e.ts + 60_000 });
    const state = JSON.parse(JSON.stringify(open.snapshot())) as { windows: { accs: { clicks: number[]; users: number[] } }[]; strings: string[] };
    expect(state.windows[0]?.accs.clicks).toEqual([3, 1, 1, 12]);
    const users = state.windows[0]?.accs.users as number[];
    expect([users[0], users.slice(1, 3).map((i) => state.strings[i])]).toEqual([2, ['u1', 'u3']]);
    const panes = (e: WindowEngine<ClickEvent, unknown, { clicks: number; users: { ids: string[] } }>) =>
      e.advanceWatermark(119_999).map((p) => [p.key, p.measures.clicks, p.measures.users.ids]);
    const expected = panes(WindowEngine.restore(config, state) as never);
    expect(expected).toEqual(fired);

    // The same window as an older build wrote it (format v2, a value per key) restores the same.
    const perKey = state.windows.map((w) => {
      let at = 0;
      const accs = w.accs.clicks.map((clicks) => {
        const n = w.accs.users[at] as number;
        const refs = w.accs.users.slice(at + 1, at + 1 + n);
        at += 1 + n;
        return [clicks, refs];
      });
      return { ...w, accs };
    });
    expect(panes(WindowEngine.restore(config, { ...state, format: 'clickstream.window-engine.v2', windows: perKey }) as never)).toEqual(fired);

    // A refused window interns none of its users into the shared dictionary.
    const fresh = { ...state, strings: state.strings.map((u) => `${u}-never-seen`) };
    const sizeBefore = clickUserIds.current.size;
    expect(() => WindowEngine.restore(config, { ...fresh, windows: [{ ...fresh.windows[0], accs: { clicks: [3, 1, 1, 12], users: [...users, 0] } }] })).toThrow(WindowSnapshotError);
    expect(clickUserIds.current.size).toBe(sizeBefore);

    // Malformed columns are refused with where they went wrong.
    const withAccs = (accs: unknown) => ({ ...state, windows: [{ ...state.windows[0], accs }] });
    for (const [accs, path] of [
      [{ clicks: [3, 1, 1], users }, 'accs.clicks'],
      [{ clicks: [3, 1, 1, -12], users }, 'accs.clicks[3]'],
      [{ clicks: [3, 1, 1, 12], users: users.slice(0, -1) }, 'accs.users'],
      [{ clicks: [3, 1, 1, 12], users: [...users, 0] }, 'accs.users'],
      [{ clicks: [3, 1, 1, 12], users: [2, 0, 99, ...users.slice(3)] }, 'accs.users[2]'],
      [{ clicks: [3, 1, 1, 12] }, 'accs.users'],
      ['x', 'accs.clicks'],
    ] as const) {
      expect(() => WindowEngine.restore(config, withAccs(accs))).toThrow(`$.windows[0].${path}`);
      expect(() => WindowEngine.restore(config, withAccs(accs))).toThrow(WindowSnapshotError);
      try {
        WindowEngine.restore(config, withAccs(accs));
      } catch (error) {
        expect((error as WindowSnapshotError).message).toContain(path);
      }
    }
  });
});
