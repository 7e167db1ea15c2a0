import { isUtf8 } from 'node:buffer';
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
  // Checked before decoding: toString would replace bad bytes with U+FFFD and merge distinct ids.
  if (!isUtf8(bytes)) return rejection('invalid_utf8', `message is not valid UTF-8 (${bytes.length} bytes)`, 'json');
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
