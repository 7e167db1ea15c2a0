import type { WireFormat } from '../wire/wire-format';
import { isDevice } from '../click-event/device';
import type { ClickEventDraft } from './click-event-draft';
import { canonicalUuid } from './canonical-uuid';
import { isCountryCode } from './country-code';
import { describeSeenValue } from './describe-seen-value';
import { describeTimestamp } from './describe-timestamp';
import { textContentProblem } from '../text/text-content';
import { type ClickEventRejection, rejection } from './rejection';
import { type ClickEventValidationOptions, DEFAULT_VALIDATION_LIMITS } from './validation-options';

/**
 * Applies the value rules to a correctly typed draft. Returns the first rejection, or `undefined`
 * when the draft is a valid `ClickEvent` (with `event_id` canonicalised in place).
 * Allocates only when rejecting: this runs once per event on the hot path.
 */
export function checkClickEventDraft(
  draft: ClickEventDraft,
  options: ClickEventValidationOptions | undefined,
  format: WireFormat | undefined,
): ClickEventRejection | undefined {
  const eventId = canonicalUuid(draft.event_id);
  if (eventId === undefined) {
    const seen = describeSeenValue(draft.event_id);
    return rejection('bad_uuid', `event_id: expected a UUID (8-4-4-4-12 hex), saw ${seen}`, format);
  }
  draft.event_id = eventId;

  return checkClickEventFields(draft.user_id, draft.ts, draft.page, draft.referrer, draft.country, draft.device, options, format);
}

/**
 * The checks after `event_id`, in order, on the field values: for decoders that checked the
 * event id themselves (see InterningClickEventDecoder). `userIdLength` and `pageLength`, when not
 * -1: the decoder saw only printable ASCII (0x20-0x7e) in that field, this many characters. Such
 * text has no control character and no surrogate, so its content checks are skipped and the
 * string is read only to describe a rejection (the same verdicts; per event, no regex scan and no
 * read of the interned strings, which are cold in the CPU cache at many users and pages).
 */
export function checkClickEventFields(
  userId: string,
  ts: number,
  page: string,
  referrer: string,
  country: string,
  device: string,
  options: ClickEventValidationOptions | undefined,
  format: WireFormat | undefined,
  userIdLength = -1,
  pageLength = -1,
): ClickEventRejection | undefined {
  const limits = DEFAULT_VALIDATION_LIMITS;
  return (
    checkText('user_id', userId, true, options?.maxUserIdLength ?? limits.maxUserIdLength, format, userIdLength) ??
    checkTimestamp(ts, options, format) ??
    checkText('page', page, true, options?.maxPageLength ?? limits.maxPageLength, format, pageLength) ??
    checkText('referrer', referrer, false, options?.maxReferrerLength ?? limits.maxReferrerLength, format, -1) ??
    checkCountry(country, format) ??
    checkDevice(device, format)
  );
}

function checkText(
  field: string,
  value: string,
  required: boolean,
  maxLength: number,
  format: WireFormat | undefined,
  /** The length of `value` when it is known to be printable ASCII, else -1. */
  printableLength: number,
): ClickEventRejection | undefined {
  const length = printableLength >= 0 ? printableLength : value.length;
  if (required && length === 0) {
    return rejection('empty_field', `${field}: must not be empty`, format);
  }
  if (length > maxLength) {
    const seen = describeSeenValue(value);
    return rejection('field_too_long', `${field}: longer than ${maxLength} chars, saw ${seen}`, format);
  }
  if (printableLength >= 0) return undefined;
  const problem = textContentProblem(value);
  if (problem === undefined) return undefined;
  const what = problem === 'control_character' ? 'a control character' : 'an unpaired UTF-16 surrogate';
  return rejection(problem, `${field}: contains ${what}, saw ${describeSeenValue(value)}`, format);
}

function checkTimestamp(
  ts: number,
  options: ClickEventValidationOptions | undefined,
  format: WireFormat | undefined,
): ClickEventRejection | undefined {
  if (!Number.isInteger(ts)) {
    // One test on the common path; NaN and ±Infinity are not integers either.
    return Number.isFinite(ts)
      ? rejection('ts_not_integer', `ts: expected whole epoch ms, saw ${ts}`, format)
      : rejection('ts_not_finite', `ts: expected finite epoch ms, saw ${ts}`, format);
  }
  const minTs = options?.minTs ?? DEFAULT_VALIDATION_LIMITS.minTs;
  if (ts < minTs) {
    const detail = `ts: ${describeTimestamp(ts)} is before minTs ${describeTimestamp(minTs)}`;
    return rejection('ts_too_old', detail, format);
  }
  const now = (options?.now ?? Date.now)();
  const maxAge = options?.maxEventAgeMs;
  if (maxAge !== undefined && ts < now - maxAge) {
    const detail = `ts: ${describeTimestamp(ts)} is before now - retention ${describeTimestamp(now - maxAge)}`;
    return rejection('beyond_retention', detail, format);
  }
  const latest = now + (options?.maxFutureSkewMs ?? DEFAULT_VALIDATION_LIMITS.maxFutureSkewMs);
  if (ts > latest) {
    const detail = `ts: ${describeTimestamp(ts)} is after now + skew ${describeTimestamp(latest)}`;
    return rejection('ts_in_future', detail, format);
  }
  return undefined;
}

function checkCountry(country: string, format: WireFormat | undefined): ClickEventRejection | undefined {
  if (isCountryCode(country)) return undefined;
  const seen = describeSeenValue(country);
  return rejection('bad_country', `country: expected ISO 3166-1 alpha-2 uppercase, saw ${seen}`, format);
}

function checkDevice(device: string, format: WireFormat | undefined): ClickEventRejection | undefined {
  if (isDevice(device)) return undefined;
  const seen = describeSeenValue(device);
  return rejection('unknown_device', `device: expected desktop|mobile|tablet|bot, saw ${seen}`, format);
}
