import type { ClickEvent } from '../click-event/click-event';
import type { WireFormat } from '../wire/wire-format';
import type { ClickEventDraft } from './click-event-draft';
import { checkClickEventDraft } from './check-click-event-draft';
import { describeSeenValue } from './describe-seen-value';
import { type ClickEventRejection, isRejection, rejection } from './rejection';
import type { ClickEventValidationOptions } from './validation-options';

export type ClickEventValidationResult = { readonly ok: true; readonly event: ClickEvent } | ClickEventRejection;

/** For callers that already hold a parsed object (e.g. from an HTTP body). Never throws. */
export function validateClickEvent(
  candidate: unknown,
  options?: ClickEventValidationOptions,
): ClickEventValidationResult {
  const checked = toClickEvent(candidate, options, undefined);
  return isRejection(checked) ? checked : { ok: true, event: checked };
}

/**
 * Checks types, then values, and copies the known fields into a fresh object in schema order.
 * The copy drops unknown fields (newer producers may add some) and gives every JSON event one
 * hidden class (Avro events share another), so the window engine sees two shapes, not many.
 */
export function toClickEvent(
  candidate: unknown,
  options: ClickEventValidationOptions | undefined,
  format: WireFormat | undefined,
): ClickEvent | ClickEventRejection {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return rejection('not_an_object', `expected a JSON object, saw ${describeSeenValue(candidate)}`, format);
  }
  const fields = candidate as Record<string, unknown>;
  const eventId = readString(fields, 'event_id', format);
  if (typeof eventId !== 'string') return eventId;
  const userId = readString(fields, 'user_id', format);
  if (typeof userId !== 'string') return userId;
  const ts = fields['ts'];
  if (typeof ts !== 'number') return wrongType(fields, 'ts', 'a number (epoch ms)', format);
  const page = readString(fields, 'page', format);
  if (typeof page !== 'string') return page;
  const referrer = readReferrer(fields, format);
  if (typeof referrer !== 'string') return referrer;
  const country = readString(fields, 'country', format);
  if (typeof country !== 'string') return country;
  const device = readString(fields, 'device', format);
  if (typeof device !== 'string') return device;

  const draft: ClickEventDraft = { event_id: eventId, user_id: userId, ts, page, referrer, country, device };
  // After the checks pass, the draft's device is a Device and every value obeys the rules.
  return checkClickEventDraft(draft, options, format) ?? (draft as ClickEvent);
}

function readString(
  fields: Record<string, unknown>,
  field: string,
  format: WireFormat | undefined,
): string | ClickEventRejection {
  const value = fields[field];
  return typeof value === 'string' ? value : wrongType(fields, field, 'a string', format);
}

/**
 * `null` and an absent key both mean direct traffic: serialisers with omit-empty settings
 * (Go `omitempty`, Jackson NON_NULL) drop the key instead of writing `""` or `null`.
 */
function readReferrer(fields: Record<string, unknown>, format: WireFormat | undefined): string | ClickEventRejection {
  const value = fields['referrer'];
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return wrongType(fields, 'referrer', 'a string or null', format);
}

function wrongType(
  fields: Record<string, unknown>,
  field: string,
  expected: string,
  format: WireFormat | undefined,
): ClickEventRejection {
  if (!(field in fields)) return rejection('missing_field', `${field}: missing`, format);
  return rejection('bad_type', `${field}: expected ${expected}, saw ${describeSeenValue(fields[field])}`, format);
}
