import type { ClickEvent } from '../click-event/click-event';
import { deterministicUuid } from './deterministic-uuid';

/** 2025-01-01T00:00:00Z: fixed, and safely in the past for the default ts-in-future check. */
export const FIXTURE_EPOCH_MS = Date.UTC(2025, 0, 1);

let sequence = 0;

/**
 * A valid click event; each call gets the next deterministic `event_id` (the sequence restarts
 * per test file, because Jest loads modules per file, or on `resetClickEventSequence()`).
 */
export function aClickEvent(overrides: Partial<ClickEvent> = {}): ClickEvent {
  sequence += 1;
  return {
    event_id: deterministicUuid(sequence),
    user_id: 'user-1',
    ts: FIXTURE_EPOCH_MS,
    page: '/products/1',
    referrer: 'https://www.example.com/',
    country: 'DE',
    device: 'desktop',
    ...overrides,
  };
}

export function resetClickEventSequence(): void {
  sequence = 0;
}
