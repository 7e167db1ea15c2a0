import { aClickEvent } from '@clickstream/event-schema/testing';
import { WindowEngine } from '@clickstream/window-engine';
import { clickWindowEngineConfig, splitWindowKey, windowKeyOf } from './click-window-engine';

describe('click windows', () => {
  it('keys by page and country, and splits the key back', () => {
    const key = windowKeyOf(aClickEvent({ page: '/product/7?ref=a', country: 'DE' }));
    expect(key).toBe(windowKeyOf(aClickEvent({ page: '/product/7?ref=a', country: 'DE', user_id: 'other' })));
    expect(key).not.toBe(windowKeyOf(aClickEvent({ page: '/product/7?ref=a', country: 'US' })));
    expect(splitWindowKey(key)).toEqual({ page: '/product/7?ref=a', country: 'DE' });
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
});
