import { encodeClickEventAvro, encodeClickEventJson, InterningClickEventDecoder, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import { composeMeasures, countMeasure, SnapshotStrings, uniqueCountMeasure, WindowEngine, WindowSnapshotError } from '@clickstream/window-engine';
import { clickMeasures, clickUserIds, clickWindowEngineConfig, windowKeyOf, windowKeySeparatorAt } from './click-window-engine';

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
});
