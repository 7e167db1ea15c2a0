import { uuidBytesCase } from '../validation/canonical-uuid-bytes';
import { SpanFieldRules } from '../validation/span-field-rules';
import type { ClickEventValidationOptions } from '../validation/validation-options';

// Bytes the reader looks for; literals, not imports, as in JsonClickEventReader.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;

/** At most 15 digits: every such integer is exact as a double, so no digit can be lost. */
const MAX_TS_DIGITS = 15;

/** `"name"` as bytes, for a byte-wise compare of each key. */
const bytesOf = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const EVENT_ID = bytesOf('"event_id"');
const USER_ID = bytesOf('"user_id"');
const TS = bytesOf('"ts"');
const PAGE = bytesOf('"page"');
const REFERRER = bytesOf('"referrer"');
const COUNTRY = bytesOf('"country"');
const DEVICE = bytesOf('"device"');
const NULL = bytesOf('null');
// The producer's compact spelling of what comes before each value: matched in one loop before the
// token-by-token path (which allows JSON whitespace anywhere between tokens).
const OPEN_EVENT_ID = bytesOf('{"event_id":');
const NEXT_USER_ID = bytesOf(',"user_id":');
const NEXT_TS = bytesOf(',"ts":');
const NEXT_PAGE = bytesOf(',"page":');
const NEXT_REFERRER = bytesOf(',"referrer":');
const NEXT_COUNTRY = bytesOf(',"country":');
const NEXT_DEVICE = bytesOf(',"device":');
const DEVICES = ['desktop', 'mobile', 'tablet', 'bot'].map(bytesOf);

/**
 * Where each field of a click event sits in its JSON message, for a consumer that copies the
 * fields' bytes instead of making strings (the raw sink builds its ClickHouse rows from them).
 *
 * `read` says `true` only for a message that `decodeClickEvent` (with the same options and clock)
 * certainly accepts: the producer's own shape (`encodeClickEventJson`: the seven schema fields in
 * schema order, `referrer` a string or null, `ts` a plain integer of at most 15 digits), every
 * string printable ASCII without escapes (so its bytes are its UTF-16 units and its JSON spelling
 * is JSON.stringify's), JSON whitespace only between tokens, nothing after the closing brace, and
 * every value rule of `checkClickEventFields` checked on the bytes (lengths, non-empty, the ts
 * bounds against `now`, country shape, device). Anything else is `false`: the caller runs
 * `decodeClickEvent`, which stays the one place that rejects (with its reason) or accepts unusual
 * JSON. Agreement with `decodeClickEvent` is property-tested (json-click-event-spans.spec.ts): a
 * rule added to `checkClickEventFields` must be added here too, and that test fails until it is.
 *
 * The spans are valid until the next `read`. `referrerStart === referrerEnd` for an empty or null
 * referrer. The event id's 36 bytes are a UUID; `eventIdUppercase` says its canonical form is
 * their lowercase.
 */
export class JsonClickEventSpans {
  eventIdStart = 0;
  eventIdUppercase = false;
  userIdStart = 0;
  userIdEnd = 0;
  /** The decimal digits of `ts` (JSON.stringify's spelling of it: no sign, no leading zero). */
  tsStart = 0;
  tsEnd = 0;
  ts = 0;
  pageStart = 0;
  pageEnd = 0;
  referrerStart = 0;
  referrerEnd = 0;
  countryStart = 0;
  deviceStart = 0;
  deviceEnd = 0;

  private readonly rules: SpanFieldRules;
  private pos = 0;
  /** Where the last string's bytes start (after its opening quote); set by `stringEnd`. */
  private stringStart = 0;
  /** The last integer read by `integerEnd`. */
  private tsValue = 0;

  /** The same options `decodeClickEvent` gets, except the clock: `read` takes `now` itself. */
  constructor(options: Omit<ClickEventValidationOptions, 'now'> = {}) {
    this.rules = new SpanFieldRules(options);
  }

  /** Whether `buf` is certainly a valid event at time `now` (epoch ms); then the spans say where its fields are. */
  read(buf: Buffer, now: number): boolean {
    this.pos = 0;
    if (!this.exact(buf, OPEN_EVENT_ID) && !(this.punct(buf, OPEN_BRACE) && this.key(buf, EVENT_ID))) return false;
    const eventIdEnd = this.stringEnd(buf);
    if (eventIdEnd < 0) return false;
    const eventIdStart = this.stringStart;

    if (!this.nextKey(buf, NEXT_USER_ID, USER_ID)) return false;
    const userIdEnd = this.stringEnd(buf);
    // ASCII: bytes are UTF-16 units, so the length rules hold in bytes.
    if (userIdEnd < 0 || userIdEnd === this.stringStart || userIdEnd - this.stringStart > this.rules.maxUserIdLength) return false;
    const userIdStart = this.stringStart;

    if (!this.nextKey(buf, NEXT_TS, TS)) return false;
    const tsStart = this.integerEnd(buf);
    if (tsStart < 0) return false;
    const ts = this.tsValue;
    if (!this.rules.tsAccepted(ts, now)) return false;
    const tsEnd = this.pos;

    if (!this.nextKey(buf, NEXT_PAGE, PAGE)) return false;
    const pageEnd = this.stringEnd(buf);
    if (pageEnd < 0 || pageEnd === this.stringStart || pageEnd - this.stringStart > this.rules.maxPageLength) return false;
    const pageStart = this.stringStart;

    if (!this.nextKey(buf, NEXT_REFERRER, REFERRER)) return false;
    let referrerStart = 0;
    let referrerEnd = 0;
    if (!this.literal(buf, NULL)) {
      // null means direct traffic, as in the JSON.parse path: the empty referrer (empty spans).
      referrerEnd = this.stringEnd(buf);
      if (referrerEnd < 0 || referrerEnd - this.stringStart > this.rules.maxReferrerLength) return false;
      referrerStart = this.stringStart;
    }

    if (!this.nextKey(buf, NEXT_COUNTRY, COUNTRY)) return false;
    const countryEnd = this.stringEnd(buf);
    const countryStart = this.stringStart;
    if (countryEnd < 0 || countryEnd - countryStart !== 2 || !isUpperLetter(buf[countryStart] as number) || !isUpperLetter(buf[countryStart + 1] as number)) {
      return false;
    }

    if (!this.nextKey(buf, NEXT_DEVICE, DEVICE)) return false;
    const deviceEnd = this.stringEnd(buf);
    if (deviceEnd < 0 || !isDeviceBytes(buf, this.stringStart, deviceEnd)) return false;
    const deviceStart = this.stringStart;

    if (!this.punct(buf, CLOSE_BRACE)) return false;
    this.skipWhitespace(buf);
    if (this.pos !== buf.length) return false;

    // Literals for UUID_INVALID (0) and UUID_UPPERCASE (2), as in JsonClickEventReader.
    const uuidCase = uuidBytesCase(buf, eventIdStart, eventIdEnd);
    if (uuidCase === 0) return false;

    this.eventIdStart = eventIdStart;
    this.eventIdUppercase = uuidCase === 2;
    this.userIdStart = userIdStart;
    this.userIdEnd = userIdEnd;
    this.tsStart = tsStart;
    this.tsEnd = tsEnd;
    this.ts = ts;
    this.pageStart = pageStart;
    this.pageEnd = pageEnd;
    this.referrerStart = referrerStart;
    this.referrerEnd = referrerEnd;
    this.countryStart = countryStart;
    this.deviceStart = deviceStart;
    this.deviceEnd = deviceEnd;
    return true;
  }

  /** Skips JSON whitespace (space, tab, LF, CR), the only bytes JSON.parse allows between tokens. */
  private skipWhitespace(buf: Buffer): void {
    let pos = this.pos;
    for (;;) {
      const b = buf[pos];
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Whitespace, then `byte`. */
  private punct(buf: Buffer, byte: number): boolean {
    this.skipWhitespace(buf);
    if (buf[this.pos] !== byte) return false;
    this.pos++;
    return true;
  }

  /** Whitespace, exactly `bytes`. */
  private literal(buf: Buffer, bytes: Uint8Array): boolean {
    this.skipWhitespace(buf);
    const pos = this.pos;
    if (pos + bytes.length > buf.length) return false;
    for (let i = 0; i < bytes.length; i++) if (buf[pos + i] !== bytes[i]) return false;
    this.pos = pos + bytes.length;
    return true;
  }

  /** Exactly `bytes` at the current position, no whitespace (the producer's compact spelling). */
  private exact(buf: Buffer, bytes: Uint8Array): boolean {
    const pos = this.pos;
    if (pos + bytes.length > buf.length) return false;
    for (let i = 0; i < bytes.length; i++) if (buf[pos + i] !== bytes[i]) return false;
    this.pos = pos + bytes.length;
    return true;
  }

  /** `,"name":` with JSON whitespace allowed between the tokens; `compact` is its spelling without any. */
  private nextKey(buf: Buffer, compact: Uint8Array, quotedName: Uint8Array): boolean {
    return this.exact(buf, compact) || (this.punct(buf, COMMA) && this.key(buf, quotedName));
  }

  /** `"name"`, whitespace, `:`. */
  private key(buf: Buffer, quotedName: Uint8Array): boolean {
    return this.literal(buf, quotedName) && this.punct(buf, COLON);
  }

  /**
   * Whitespace, then a string of printable ASCII without escapes; returns where its bytes end (and
   * moves past the closing quote), or -1 for anything else (the JSON.parse path decides).
   */
  private stringEnd(buf: Buffer): number {
    this.skipWhitespace(buf);
    let pos = this.pos;
    if (buf[pos] !== QUOTE) return -1;
    const start = ++pos;
    const end = buf.length;
    for (;;) {
      if (pos >= end) return -1;
      const b = buf[pos] as number;
      if (b === QUOTE) break;
      // Control bytes (invalid JSON), DEL and non-ASCII (UTF-8 and control-character questions), escapes: not ours.
      if (b < 0x20 || b > 0x7e || b === BACKSLASH) return -1;
      pos++;
    }
    this.stringStart = start;
    this.pos = pos + 1;
    return pos;
  }

  /**
   * Whitespace, then 1 to 15 decimal digits (no sign, no leading zero, no fraction or exponent)
   * into `tsValue`; returns where the digits start, or -1.
   */
  private integerEnd(buf: Buffer): number {
    this.skipWhitespace(buf);
    let pos = this.pos;
    const start = pos;
    let n = 0;
    for (;;) {
      const b = buf[pos];
      if (b === undefined || b < ZERO || b > NINE) break;
      n = n * 10 + (b - ZERO);
      pos++;
    }
    const digits = pos - start;
    if (digits === 0 || digits > MAX_TS_DIGITS || (digits > 1 && buf[start] === ZERO)) return -1;
    // A fraction or exponent would follow here: the JSON.parse path decides those.
    const next = buf[pos];
    if (next === 0x2e || next === 0x65 || next === 0x45) return -1;
    this.tsValue = n;
    this.pos = pos;
    return start;
  }
}

function isUpperLetter(byte: number): boolean {
  return byte >= UPPER_A && byte <= UPPER_Z;
}

/** Whether `buf[start, end)` spells one of the four devices (isDevice on the bytes). */
function isDeviceBytes(buf: Buffer, start: number, end: number): boolean {
  for (const device of DEVICES) {
    if (end - start !== device.length) continue;
    let i = 0;
    while (i < device.length && buf[start + i] === device[i]) i++;
    if (i === device.length) return true;
  }
  return false;
}
