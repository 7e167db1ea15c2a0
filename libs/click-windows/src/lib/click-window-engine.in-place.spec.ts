import { encodeClickEventAvro, encodeClickEventJson, InterningClickEventDecoder, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import { WindowEngine } from '@clickstream/window-engine';
import { clickUserIds, clickWindowEngineConfig, clickWindowKeys } from './click-window-engine';

type Panes = ReturnType<WindowEngine<ClickEvent, never, { clicks: number; users: { count: number; ids: string[] } }>['advanceWatermark']>;
const norm = (panes: Panes) =>
  panes
    .map((p) => ({ w: p.window.start, key: p.key, pane: p.pane, clicks: p.measures.clicks, count: p.measures.users.count, ids: [...p.measures.users.ids].sort() }))
    .sort((a, b) => a.w - b.w || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

describe('click engine fed by in-place decoded events (users from the message bytes)', () => {
  it('counts exactly when the message buffer is overwritten after each record, with a checkpoint/restore mid-window', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const users = [...Array.from({ length: 30 }, (_, i) => `user-${i}`), 'a', 'b"q', 'c\\d', 'é', 'x'.repeat(128), 'y'.repeat(129)];
    const events: ClickEvent[] = Array.from({ length: 3000 }, (_, i) =>
      aClickEvent({ page: `/p${(i * 13) % 17}`, country: i % 2 ? 'US' : 'DE', user_id: users[(i * 7) % (i % 23 === 0 ? users.length : 4)] as string, ts: t0 + i * 50 }),
    );
    const plain = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    for (const e of events) plain.add(e);
    const expected = norm(plain.advanceWatermark(t0 + 10 * 60_000) as never);

    let engine = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    const decoder = new InterningClickEventDecoder(clickUserIds, { now: () => t0 + 3_600_000, maxUserIdLength: 200 }, clickWindowKeys);
    const shared = Buffer.alloc(4096);
    const fired: Panes = [];
    events.forEach((e, i) => {
      const msg = i % 2 ? encodeClickEventAvro(e) : encodeClickEventJson(e);
      const at = i % 11;
      msg.copy(shared, at);
      const d = decoder.decodeTransientRange(shared, at, at + msg.length);
      if (!d.ok) throw new Error(d.reason);
      engine.add(d);
      shared.fill(0x7a); // Nothing may read a message's bytes after its record.
      if (i === 1234) engine = WindowEngine.restore(clickWindowEngineConfig(60_000, 0), JSON.parse(JSON.stringify(engine.snapshot())));
      if (i % 500 === 499) fired.push(...(engine.advanceWatermark(t0 + i * 50 - 120_000) as never[]));
    });
    fired.push(...(engine.advanceWatermark(t0 + 10 * 60_000) as never[]));
    const refs = (fired as unknown as { measures: { users: { refs: number[] } } }[]).flatMap((p) => p.measures.users.refs);
    expect(refs.some((r) => r < -1)).toBe(true);
    expect(refs.some((r) => r >= 0)).toBe(true);
    expect(norm(fired as never)).toEqual(expected);
  });
});
