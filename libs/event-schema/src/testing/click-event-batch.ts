import type { ClickEvent } from '../click-event/click-event';
import { DEVICES, type Device } from '../click-event/device';
import { FIXTURE_EPOCH_MS } from './a-click-event';
import { deterministicUuid } from './deterministic-uuid';

export interface ClickEventBatchOptions {
  /** ts of the first event; default FIXTURE_EPOCH_MS. */
  readonly startTs?: number;
  /** ts step between consecutive events; default 1000 ms. */
  readonly spacingMs?: number;
  /** Number of distinct users, assigned round-robin; default 10. */
  readonly users?: number;
  /** Number of distinct pages, assigned round-robin; default 5. */
  readonly pages?: number;
  readonly countries?: readonly string[];
  readonly devices?: readonly Device[];
  /** Batches with different seeds have disjoint event ids; default 1 (0 is aClickEvent's). */
  readonly seed?: number;
}

/** `n` valid events with ascending ts and round-robin users, pages, countries and devices. */
export function clickEventBatch(n: number, options: ClickEventBatchOptions = {}): ClickEvent[] {
  const startTs = options.startTs ?? FIXTURE_EPOCH_MS;
  const spacingMs = options.spacingMs ?? 1000;
  const users = options.users ?? 10;
  const pages = options.pages ?? 5;
  const countries = options.countries ?? ['DE', 'US', 'FR'];
  const devices = options.devices ?? DEVICES;
  const seed = options.seed ?? 1;
  return Array.from({ length: n }, (_, i) => ({
    event_id: deterministicUuid(i, seed),
    user_id: `user-${i % users}`,
    ts: startTs + i * spacingMs,
    page: `/page/${i % pages}`,
    referrer: i % 3 === 0 ? '' : 'https://www.example.com/',
    country: countries[i % countries.length] ?? 'ZZ',
    device: devices[i % devices.length] ?? 'desktop',
  }));
}
