// Test-only entry (`@clickstream/event-schema/testing`): fixtures for this lib's consumers.
// Never imported by index.ts, so fast-check stays out of production bundles.
export { FIXTURE_EPOCH_MS, aClickEvent, resetClickEventSequence } from './testing/a-click-event';
export type { ClickEventBatchOptions } from './testing/click-event-batch';
export { clickEventBatch } from './testing/click-event-batch';
export type { ClickEventArbitraryOptions } from './testing/click-event-arbitrary';
export { clickEventArbitrary } from './testing/click-event-arbitrary';
export { deterministicUuid } from './testing/deterministic-uuid';
