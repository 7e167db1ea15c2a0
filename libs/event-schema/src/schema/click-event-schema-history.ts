import { DEVICES } from '../click-event/device';
import type { ClickEventSchemaVersion } from './click-event-schema-version';

// `logicalType`s are annotations only: avsc has no built-in implementation for them, so `ts`
// decodes as a plain number and `event_id` as a plain string, which is what the engine wants.
const EVENT_ID = { name: 'event_id', type: { type: 'string', logicalType: 'uuid' } } as const;
const TS = { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } } as const;
const DEVICE = {
  name: 'device',
  type: { type: 'enum' as const, name: 'Device', symbols: [...DEVICES] },
  default: 'desktop',
};

const V1: ClickEventSchemaVersion = {
  version: 1,
  change: 'Launch schema. Only the web SDK produced clicks, and it sent its own session_id.',
  schema: {
    type: 'record',
    name: 'ClickEvent',
    namespace: 'clickstream',
    fields: [
      EVENT_ID,
      { name: 'user_id', type: 'string' },
      { name: 'session_id', type: 'string' },
      TS,
      { name: 'page', type: 'string' },
      { name: 'referrer', type: 'string' },
      { name: 'country', type: 'string' },
    ],
  },
  example: {
    event_id: '6a1f3c52-8b0e-4d7a-9f21-0c4e5b7d9a13',
    user_id: 'u-1029',
    session_id: 's-77a1f0',
    ts: Date.UTC(2023, 2, 14, 9, 30),
    page: '/pricing',
    referrer: 'https://www.google.com/',
    country: 'FR',
  },
};

const V2: ClickEventSchemaVersion = {
  version: 2,
  change:
    "Added device (enum, default 'desktop') when the mobile apps started sending clicks. " +
    'v1 data reads as desktop, which is true: v1 producers were desktop web only.',
  schema: {
    type: 'record',
    name: 'ClickEvent',
    namespace: 'clickstream',
    fields: [
      EVENT_ID,
      { name: 'user_id', type: 'string' },
      { name: 'session_id', type: 'string' },
      TS,
      { name: 'page', type: 'string' },
      { name: 'referrer', type: 'string' },
      { name: 'country', type: 'string' },
      DEVICE,
    ],
  },
  example: {
    event_id: '0d9e2b7a-51c4-4f3e-8a6d-2b1c9e7f4a50',
    user_id: 'u-2211',
    session_id: 's-0c93aa',
    ts: Date.UTC(2024, 5, 3, 18, 5),
    page: '/products/42',
    referrer: '',
    country: 'DE',
    device: 'mobile',
  },
};

const V3: ClickEventSchemaVersion = {
  version: 3,
  change:
    'Removed session_id: sessionisation moved to the warehouse and no consumer read it. ' +
    'Readers skip it in v1 and v2 data.',
  schema: {
    type: 'record',
    name: 'ClickEvent',
    namespace: 'clickstream',
    doc: 'One click on a tracked page or app screen.',
    fields: [
      EVENT_ID,
      { name: 'user_id', type: 'string' },
      TS,
      { name: 'page', type: 'string' },
      { name: 'referrer', type: 'string', doc: "'' for direct traffic" },
      { name: 'country', type: 'string', doc: 'ISO 3166-1 alpha-2, uppercase' },
      DEVICE,
    ],
  },
  example: {
    event_id: 'c4a7e0f2-3b19-4e8d-b5a6-7f0d2c81e934',
    user_id: 'u-3407',
    ts: Date.UTC(2025, 0, 20, 12, 0),
    page: '/checkout',
    referrer: 'https://news.ycombinator.com/',
    country: 'US',
    device: 'tablet',
  },
};

/** Oldest first; the last entry is the production (reader) schema. Append only. */
export const CLICK_EVENT_SCHEMA_HISTORY: readonly ClickEventSchemaVersion[] = [V1, V2, V3];
