import type { ClickEvent } from '../click-event/click-event';
import type { WireFormat } from '../wire/wire-format';

/**
 * Stable rejection codes. They are Prometheus label values and dead-letter headers, so never
 * rename one; add new codes instead. Listed here so metrics can pre-register every label at zero.
 */
export const REJECTION_REASONS = [
  'empty',
  'unknown_format',
  'unknown_schema_id',
  'avro_decode_error',
  'json_parse_error',
  'not_an_object',
  'missing_field',
  'bad_type',
  'empty_field',
  'field_too_long',
  'invalid_utf8',
  'lone_surrogate',
  'control_character',
  'bad_uuid',
  'ts_not_finite',
  'ts_not_integer',
  'ts_too_old',
  'ts_in_future',
  'beyond_retention',
  'bad_country',
  'unknown_device',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface ClickEventRejection {
  readonly ok: false;
  readonly reason: RejectionReason;
  /** Which field and what was seen (values truncated), for logs and dead-letter headers. */
  readonly detail: string;
  /** Absent when the format could not be told (or for `validateClickEvent`). */
  readonly format?: WireFormat;
}

export function rejection(
  reason: RejectionReason,
  detail: string,
  format: WireFormat | undefined,
): ClickEventRejection {
  return format === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, format };
}

/** Tells a rejection from a bare event (events have no `ok` field). */
export function isRejection(value: ClickEvent | ClickEventRejection): value is ClickEventRejection {
  return (value as Partial<ClickEventRejection>).ok === false;
}
