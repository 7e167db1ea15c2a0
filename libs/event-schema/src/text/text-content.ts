import { isUtf8 } from 'node:buffer';

/** Why a decoded string cannot be stored as-is; `undefined` when it can. */
export type TextContentProblem = 'control_character' | 'lone_surrogate';

// One native scan on the common path: C0/C1 controls, DEL, or any UTF-16 surrogate unit (a valid
// pair also matches; the slow path below tells pairs from lone halves).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The strictness rule for every text field, whatever decoder made the string: no control
 * characters (a click's ids and URLs never carry raw controls; NUL and escapes break logs,
 * dashboards and CSV exports) and no unpaired UTF-16 surrogates (JSON can spell `"\ud800"`;
 * ClickHouse refuses it with CANNOT_PARSE_ESCAPE_SEQUENCE and a repaired copy would merge
 * distinct ids). Allocates nothing on valid input.
 */
export function textContentProblem(value: string): TextContentProblem | undefined {
  if (!SUSPECT.test(value)) return undefined;
  if (CONTROL.test(value)) return 'control_character';
  return hasLoneSurrogate(value) ? 'lone_surrogate' : undefined;
}

function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit >= 0xdc00) return true; // a low half with no high half before it
    const next = value.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++; // a valid pair
  }
  return false;
}

/**
 * Whether `buf[start, end)` is well-formed UTF-8 (no overlongs, no surrogates, nothing past
 * U+10FFFF). Decoders must check before decoding: Node replaces bad sequences with U+FFFD, which
 * would silently merge two different malformed ids into one. ASCII runs are checked inline.
 */
export function isUtf8Range(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if ((buf[i] as number) >= 0x80) return isUtf8(buf.subarray(i, end));
  }
  return true;
}
