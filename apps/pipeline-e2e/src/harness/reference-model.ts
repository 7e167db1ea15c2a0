import { decodeClickEvent } from '@clickstream/event-schema';
import { DEFAULT_MAX_EVENT_AGE_DAYS, DEFAULT_MAX_FUTURE_SKEW_MS } from '@clickstream/stream-runtime';
import type { TopicRecord } from './topic-reader';

/** One exact (window, page, country) total: what rt.page_minute must return. */
export interface WindowTotal {
  readonly windowStart: number;
  readonly page: string;
  readonly country: string;
  readonly clicks: number;
  readonly uniqueUsers: number;
}

export interface Reference {
  readonly windows: WindowTotal[];
  readonly lateEventIds: string[];
  readonly validEventIds: string[];
  readonly invalidOffsets: string[];
}

/**
 * Brute force, written apart from the engine: replay each partition in offset order with the
 * documented rules (the apps' default validation, judged against each record's timestamp;
 * watermark = max over events of min(ts, record timestamp) - bound - 1 per partition, the
 * aggregator's default watermark lead of 0; an event is late when its
 * window's end - 1 <= the watermark before it; a window is emitted once end - 1 <= watermark), then
 * add up the emitted partials of all partitions with an exact union of users.
 */
export function computeReference(partitions: Map<number, TopicRecord[]>, windowMs = 60_000, boundMs = 10_000): Reference {
  const totals = new Map<string, { windowStart: number; page: string; country: string; clicks: number; users: Set<string> }>();
  const lateEventIds: string[] = [];
  const validEventIds: string[] = [];
  const invalidOffsets: string[] = [];
  for (const [partition, records] of partitions) {
    let watermark = -Infinity;
    const open = new Map<string, { windowStart: number; page: string; country: string; clicks: number; users: Set<string> }>();
    for (const r of records) {
      const decoded = decodeClickEvent(r.value, { now: () => r.timestamp, maxFutureSkewMs: DEFAULT_MAX_FUTURE_SKEW_MS, maxEventAgeMs: DEFAULT_MAX_EVENT_AGE_DAYS * 86_400_000 });
      if (!decoded.ok) {
        invalidOffsets.push(`${partition}/${r.offset}`);
        continue;
      }
      const e = decoded.event;
      validEventIds.push(e.event_id);
      const windowStart = e.ts - (((e.ts % windowMs) + windowMs) % windowMs);
      if (windowStart + windowMs - 1 <= watermark) {
        lateEventIds.push(e.event_id);
      } else {
        const k = `${windowStart}|${e.page}|${e.country}`;
        const w = open.get(k) ?? { windowStart, page: e.page, country: e.country, clicks: 0, users: new Set<string>() };
        w.clicks++;
        w.users.add(e.user_id);
        open.set(k, w);
      }
      watermark = Math.max(watermark, Math.min(e.ts, r.timestamp) - boundMs - 1);
    }
    for (const [k, w] of open) {
      if (w.windowStart + windowMs - 1 > watermark) continue; // never fired: still open at the end
      const t = totals.get(k) ?? { ...w, clicks: 0, users: new Set<string>() };
      t.clicks += w.clicks;
      for (const u of w.users) t.users.add(u);
      totals.set(k, t);
    }
  }
  const windows = [...totals.values()]
    .map((t) => ({ windowStart: t.windowStart, page: t.page, country: t.country, clicks: t.clicks, uniqueUsers: t.users.size }))
    .sort(compareWindows);
  return { windows, lateEventIds: lateEventIds.sort(), validEventIds: validEventIds.sort(), invalidOffsets: invalidOffsets.sort() };
}

export function compareWindows(a: WindowTotal, b: WindowTotal): number {
  return a.windowStart - b.windowStart || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0) || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0);
}
