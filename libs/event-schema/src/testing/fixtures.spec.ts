import fc from 'fast-check';
import { validateClickEvent } from '../validation/validate-click-event';
import { FIXTURE_EPOCH_MS, aClickEvent, resetClickEventSequence } from './a-click-event';
import { clickEventArbitrary } from './click-event-arbitrary';
import { clickEventBatch } from './click-event-batch';

describe('aClickEvent', () => {
  it('builds a valid event with a fresh deterministic id per call', () => {
    resetClickEventSequence();
    const first = aClickEvent();
    const second = aClickEvent();
    expect(validateClickEvent(first).ok).toBe(true);
    expect(first.event_id).not.toBe(second.event_id);
    resetClickEventSequence();
    expect(aClickEvent().event_id).toBe(first.event_id);
  });

  it('applies overrides', () => {
    expect(aClickEvent({ device: 'bot', ts: 5 })).toMatchObject({ device: 'bot', ts: 5 });
  });
});

describe('clickEventBatch', () => {
  it('builds n valid events with ascending ts and round-robin attributes', () => {
    const batch = clickEventBatch(12, { users: 3, spacingMs: 500, countries: ['US'], devices: ['mobile'] });
    expect(batch).toHaveLength(12);
    expect(batch.every((event) => validateClickEvent(event).ok)).toBe(true);
    expect(batch.map((event) => event.ts - FIXTURE_EPOCH_MS)).toEqual(Array.from({ length: 12 }, (_, i) => i * 500));
    expect(new Set(batch.map((event) => event.user_id))).toEqual(new Set(['user-0', 'user-1', 'user-2']));
    expect(new Set(batch.map((event) => event.device))).toEqual(new Set(['mobile']));
  });

  it('is deterministic per seed and disjoint across seeds', () => {
    expect(clickEventBatch(5, { seed: 7 })).toEqual(clickEventBatch(5, { seed: 7 }));
    const batches = [...clickEventBatch(100, { seed: 1 }), ...clickEventBatch(100, { seed: 2 })];
    const ids = new Set(batches.map((event) => event.event_id));
    expect(ids.size).toBe(200);
  });
});

describe('clickEventArbitrary', () => {
  it('only generates events the validator accepts', () => {
    fc.assert(
      fc.property(clickEventArbitrary(), (event) => {
        expect(validateClickEvent(event)).toEqual({ ok: true, event });
      }),
      { numRuns: 300 },
    );
  });

  it('respects a ts range', () => {
    const options = { minTs: 1_000, maxTs: 2_000 };
    fc.assert(
      fc.property(clickEventArbitrary(options), (event) => event.ts >= 1_000 && event.ts <= 2_000),
      { numRuns: 200 },
    );
  });
});
