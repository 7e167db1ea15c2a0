import type { Device } from './device';

/** One click, as the engine sees it after decoding and validation. */
export interface ClickEvent {
  /** UUID in canonical lowercase 8-4-4-4-12 form (uppercase input is lowercased). */
  readonly event_id: string;
  readonly user_id: string;
  /** Event time, integer epoch milliseconds (UTC). */
  readonly ts: number;
  readonly page: string;
  /** `''` means direct traffic (no referrer). */
  readonly referrer: string;
  /** ISO 3166-1 alpha-2, uppercase; `ZZ` is the producers' "unknown location" code. */
  readonly country: string;
  readonly device: Device;
}

/** Field names in wire (and Avro schema) order. */
export const CLICK_EVENT_FIELDS = [
  'event_id',
  'user_id',
  'ts',
  'page',
  'referrer',
  'country',
  'device',
] as const satisfies readonly (keyof ClickEvent)[];
