import { TrafficGenerator } from './traffic-generator';
import type { TrafficProfile } from './traffic-profile';

const profile: TrafficProfile = {
  seed: 42,
  startTime: Date.UTC(2026, 0, 1),
  eventsPerSecond: 1_000,
  pageCount: 50,
  zipfExponent: 1.1,
  userCount: 500,
  sessionContinueProbability: 0.7,
  jitterMs: 2_000,
  lateRatio: 0.01,
  lateMinMs: 30_000,
  lateMaxMs: 90_000,
  spike: undefined,
};

const take = (g: TrafficGenerator, n: number) => Array.from({ length: n }, () => g.next());

describe('TrafficGenerator', () => {
  it('gives the same events for the same seed and different ones for another seed', () => {
    const a = take(new TrafficGenerator(profile), 500);
    expect(take(new TrafficGenerator(profile), 500)).toEqual(a);
    expect(take(new TrafficGenerator({ ...profile, seed: 43 }), 500)).not.toEqual(a);
  });

  it('produces well-formed, unique events', () => {
    const events = take(new TrafficGenerator(profile), 5_000);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    for (const e of events) {
      expect(e.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.country).toMatch(/^[A-Z]{2}$/);
      expect(['desktop', 'mobile', 'tablet', 'bot']).toContain(e.device);
    }
  });

  it('keeps jittered events within the bound and stamps the late share far in the past', () => {
    const g = new TrafficGenerator(profile);
    const events = take(g, 20_000);
    let late = 0;
    events.forEach((e, i) => {
      const nominal = profile.startTime + i;
      const delay = nominal - e.ts;
      if (delay > profile.jitterMs) {
        late++;
        expect(delay).toBeGreaterThanOrEqual(profile.lateMinMs);
        expect(delay).toBeLessThanOrEqual(profile.lateMaxMs);
      } else {
        expect(delay).toBeGreaterThanOrEqual(0);
      }
    });
    expect(late / events.length).toBeGreaterThan(0.005);
    expect(late / events.length).toBeLessThan(0.02);
  });

  it('follows a Zipf-like popularity: the top page beats the tenth by a wide margin', () => {
    const events = take(new TrafficGenerator(profile), 20_000);
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.page, (counts.get(e.page) ?? 0) + 1);
    const catalog = new TrafficGenerator(profile).pageCatalog;
    expect(counts.get(catalog[0] as string) ?? 0).toBeGreaterThan(5 * (counts.get(catalog[9] as string) ?? 0));
  });

  it('chains referrers within sessions', () => {
    const events = take(new TrafficGenerator({ ...profile, sessionContinueProbability: 1 }), 3_000);
    const lastPageOf = new Map<string, string>();
    let chained = 0;
    for (const e of events) {
      const prev = lastPageOf.get(e.user_id);
      if (prev !== undefined) {
        expect(e.referrer).toBe(prev);
        chained++;
      }
      lastPageOf.set(e.user_id, e.page);
    }
    expect(chained).toBeGreaterThan(2_000);
  });

  it('multiplies the spike page during the spike only', () => {
    const spiky = { ...profile, lateRatio: 0, spike: { page: '/product/9', startOffsetMs: 10_000, durationMs: 10_000, factor: 8 } };
    const events = take(new TrafficGenerator(spiky), 30_000);
    const share = (from: number, to: number) =>
      events.slice(from, to).filter((e) => e.page === '/product/9').length / (to - from);
    const before = share(0, 10_000);
    const during = share(10_000, 20_000);
    expect(during).toBeGreaterThan(5 * before);
    expect(share(20_000, 30_000)).toBeLessThan(2 * before);
  });

  it('rejects a spike page that is not in the catalog', () => {
    expect(() => new TrafficGenerator({ ...profile, spike: { page: '/nope', startOffsetMs: 0, durationMs: 1, factor: 2 } })).toThrow(/not in the catalog/);
  });
});
