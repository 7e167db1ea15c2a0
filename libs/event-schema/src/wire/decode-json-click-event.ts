import { truncateText } from '../validation/describe-seen-value';
import { isRejection, rejection } from '../validation/rejection';
import { toClickEvent } from '../validation/validate-click-event';
import type { ClickEventValidationOptions } from '../validation/validation-options';
import type { DecodeClickEventResult } from './decode-click-event-result';

/** Parses and validates a message whose first non-blank byte is `{`. Never throws. */
export function decodeJsonClickEvent(
  bytes: Buffer,
  options: ClickEventValidationOptions | undefined,
): DecodeClickEventResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const reason = truncateText(error instanceof Error ? error.message : String(error));
    return rejection('json_parse_error', reason, 'json');
  }
  const event = toClickEvent(parsed, options, 'json');
  return isRejection(event) ? event : { ok: true, event, format: 'json', schemaVersion: null };
}
