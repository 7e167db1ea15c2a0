import { TrafficGenerator } from '../traffic/traffic-generator';
import type { TrafficProfile } from '../traffic/traffic-profile';

/** Separates page from country in a series key; the page-level key has country `*`. */
export const KEY_SEPARATOR = '\t';
export const ALL_COUNTRIES = '*';

export interface WindowCounts {
  readonly windowStart: number;
  /** `page<TAB>country` and `page<TAB>*` -> clicks, as the merged totals would have them. */
  readonly counts: Map<string, number>;
}

/**
 * The producer's stream, cut into the on-time counts the pipeline would score: 1-minute event-time
 * windows, an event counted only if it arrives before its window closes under the aggregator's
 * watermark rule (max event time - out-of-orderness - 1 ms); the producer's late events fall out as
 * they do in the pipeline. Windows come out in order, each once.
 */
export function* windowCountsOf(profile: TrafficProfile, windows: number, windowMs = 60_000, outOfOrdernessMs = 10_000): Generator<WindowCounts> {
  const generator = new TrafficGenerator(profile);
  const open = new Map<number, Map<string, number>>();
  let maxTs = Number.NEGATIVE_INFINITY;
  let nextToClose = Math.floor(profile.startTime / windowMs) * windowMs;
  let emitted = 0;
  while (emitted < windows) {
    const event = generator.next();
    const windowStart = Math.floor(event.ts / windowMs) * windowMs;
    maxTs = Math.max(maxTs, event.ts);
    const watermark = maxTs - outOfOrdernessMs - 1;
    if (windowStart >= nextToClose) {
      let counts = open.get(windowStart);
      if (!counts) open.set(windowStart, (counts = new Map()));
      const byCountry = event.page + KEY_SEPARATOR + event.country;
      const byPage = event.page + KEY_SEPARATOR + ALL_COUNTRIES;
      counts.set(byCountry, (counts.get(byCountry) ?? 0) + 1);
      counts.set(byPage, (counts.get(byPage) ?? 0) + 1);
    }
    while (nextToClose + windowMs - 1 <= watermark && emitted < windows) {
      yield { windowStart: nextToClose, counts: open.get(nextToClose) ?? new Map() };
      open.delete(nextToClose);
      nextToClose += windowMs;
      emitted += 1;
    }
  }
}

/** Splits a series key into page and country (`*` for the page-level key). */
export function splitSeriesKey(key: string): { page: string; country: string } {
  const at = key.lastIndexOf(KEY_SEPARATOR);
  return { page: key.slice(0, at), country: key.slice(at + 1) };
}
