import type { Device } from '../click-event/device';
import type { InternedClickEvent } from '../interning/interned-click-event';
import type { PairKeyInterner } from '../interning/pair-key-interner';
import { isCountryCodeBytes } from '../validation/country-code';
import { uuidBytesCase } from '../validation/canonical-uuid-bytes';
import { AsciiStringCache } from './ascii-string-cache';

// Bytes the reader looks for; literals, not imports: the hot path reads no other module's bindings.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;

/** A canonical UUID's length in bytes. */
const UUID_LENGTH = 36;

/** At most 15 digits: every such integer is exact as a double, so no digit can be lost. */
const MAX_TS_DIGITS = 15;

/** `"name"` as bytes, for a byte-wise compare of each key. */
const key = (name: string) => Uint8Array.from(Buffer.from(`"${name}"`, 'latin1'));
const EVENT_ID = key('event_id');
const USER_ID = key('user_id');
const TS = key('ts');
const PAGE = key('page');
const REFERRER = key('referrer');
const COUNTRY = key('country');
const DEVICE = key('device');
const NULL = Uint8Array.from(Buffer.from('null', 'latin1'));
/** `{"event_id":` and `,"name":` as the producer writes them (no whitespace): one compare instead of four steps. */
const compact = (prefix: string, name: string) => Uint8Array.from(Buffer.from(`${prefix}"${name}":`, 'latin1'));
const OPEN_EVENT_ID = compact('{', 'event_id');
const NEXT_USER_ID = compact(',', 'user_id');
const NEXT_TS = compact(',', 'ts');
const NEXT_PAGE = compact(',', 'page');
const NEXT_REFERRER = compact(',', 'referrer');
const NEXT_COUNTRY = compact(',', 'country');
const NEXT_DEVICE = compact(',', 'device');

/**
 * The JSON fast path: reads a message that is exactly the shape our producer writes
 * (`encodeClickEventJson`: the seven schema fields in schema order, `referrer` a string or null,
 * `ts` a plain non-negative integer), in one pass over its bytes, without JSON.parse and without
 * making a string for fields the engine keeps as bytes (event id, referrer) or finds in a cache
 * (page, country, device, the interned user id).
 *
 * It decides only what is certain: every string must be printable ASCII without escapes (so its
 * bytes are its UTF-16 units and no UTF-8 or surrogate question arises), keys in schema order with
 * no extra or repeated key, JSON whitespace only between tokens, and nothing after the closing
 * brace. Anything else (escapes, non-ASCII, control bytes, other orders, extra fields, fractions,
 * exponents, negative or long numbers, truncation) returns `undefined`, and the caller runs the
 * JSON.parse decoder, which stays the one place that rejects (with its reason) or accepts unusual
 * JSON. On what this reader accepts, the value checks after it are the same `checkClickEventFields`
 * the JSON.parse path runs; agreement with `decodeClickEvent` is property-tested.
 */
export class JsonClickEventReader {
  private readonly pages = new AsciiStringCache(1 << 16, 256);
  private readonly countries = new AsciiStringCache(1 << 10, 8);
  private readonly devices = new AsciiStringCache(16, 16);
  private pos = 0;
  /** Where the message ends in the buffer (`readInterned`'s range). */
  private end = 0;
  /** Where the last string's bytes start (after its opening quote); set by `stringEnd`. */
  private stringStart = 0;
  /** The last integer read by `integer`. */
  private value = 0;
  /** The user id's and the page's lengths in the last event `readInterned` filled (printable ASCII: bytes = characters). */
  userIdLength = 0;
  pageLength = 0;

  /**
   * Fills `into` from `buf[start, end)` (the user id, the event id and the referrer kept as byte
   * ranges), or returns `undefined` when the JSON.parse decoder must decide
   * (see the class doc). `undefined` also for an event id that is not a UUID and for a referrer of
   * more than `maxReferrerBytes` (the full decode then produces the rejection). Only the shape, the
   * event id and the referrer length are checked here; the caller runs `checkClickEventFields`.
   */
  readInterned(buf: Buffer, into: InternedClickEvent, maxReferrerBytes: number, pairKeys?: PairKeyInterner, start = 0, end = buf.length): InternedClickEvent | undefined {
    this.pos = start;
    this.end = end;
    if (!this.exactly(buf, OPEN_EVENT_ID) && !(this.punct(buf, OPEN_BRACE) && this.key(buf, EVENT_ID))) return undefined;
    // A canonical UUID right after the colon (the producer's event ids): checked once, by
    // uuidBytesCase, with no scan for its closing quote first. Its 36 bytes are hex digits and
    // hyphens, so the scan would have ended at the same quote. Anything else takes the scan.
    let eventIdStart = this.pos + 1;
    let eventIdEnd = eventIdStart + UUID_LENGTH;
    let uuidCase = buf[eventIdStart - 1] === QUOTE && buf[eventIdEnd] === QUOTE ? uuidBytesCase(buf, eventIdStart, eventIdEnd) : 0;
    if (uuidCase !== 0) {
      this.pos = eventIdEnd + 1;
    } else {
      eventIdEnd = this.stringEnd(buf);
      if (eventIdEnd < 0) return undefined;
      eventIdStart = this.stringStart;
      uuidCase = -1; // checked once the rest is read, as before
    }

    if (!this.field(buf, NEXT_USER_ID, USER_ID)) return undefined;
    const userIdEnd = this.stringEnd(buf);
    if (userIdEnd < 0) return undefined;
    const userIdStart = this.stringStart;

    if (!this.field(buf, NEXT_TS, TS) || !this.integer(buf)) return undefined;
    const ts = this.value;

    if (!this.field(buf, NEXT_PAGE, PAGE)) return undefined;
    const pageEnd = this.stringEnd(buf);
    if (pageEnd < 0) return undefined;
    const pageStart = this.stringStart;

    if (!this.field(buf, NEXT_REFERRER, REFERRER)) return undefined;
    let referrerStart = 0;
    let referrerEnd = 0;
    if (this.literal(buf, NULL)) {
      // null means direct traffic, as in the JSON.parse path: the empty referrer.
    } else {
      referrerEnd = this.stringEnd(buf);
      // Within the bound in bytes means within it in UTF-16 units (ASCII): the referrer check cannot fail.
      if (referrerEnd < 0 || referrerEnd - this.stringStart > maxReferrerBytes) return undefined;
      referrerStart = this.stringStart;
    }

    if (!this.field(buf, NEXT_COUNTRY, COUNTRY)) return undefined;
    const countryEnd = this.stringEnd(buf);
    if (countryEnd < 0) return undefined;
    const countryStart = this.stringStart;

    if (!this.field(buf, NEXT_DEVICE, DEVICE)) return undefined;
    const deviceEnd = this.stringEnd(buf);
    if (deviceEnd < 0) return undefined;
    const device = this.devices.read(buf, this.stringStart, deviceEnd);

    if (!this.punct(buf, CLOSE_BRACE)) return undefined;
    this.skipWhitespace(buf);
    // Exactly at the end: a read that ran past it (the bytes after a range belong to something else) never ends here.
    if (this.pos !== this.end) return undefined;

    // Literals for UUID_INVALID (0) and UUID_UPPERCASE (2), as in the Avro reader.
    if (uuidCase === -1) uuidCase = uuidBytesCase(buf, eventIdStart, eventIdEnd);
    if (uuidCase === 0) return undefined;
    this.userIdLength = userIdEnd - userIdStart;
    this.pageLength = pageEnd - pageStart;
    // The user id string is made only if read (InternedClickEvent.user_id).
    const userId = undefined;
    const referrer = referrerEnd === referrerStart ? '' : buf;
    // Page and country in one probe of the pair interner when there is one (it also gives the window key).
    // Only a country that can pass its check is interned: rejected records must not fill the interner.
    const pairRef = pairKeys === undefined || !isCountryCodeBytes(buf, countryStart, countryEnd) ? -1 : pairKeys.refOfBytes(buf, pageStart, pageEnd, countryStart, countryEnd);
    if (pairRef >= 0) {
      const keys = pairKeys as PairKeyInterner;
      // The caller's checkDevice confirms the device is a Device before anyone reads it as one.
      return into.assign(buf, eventIdStart, uuidCase === 2, userId, ts, keys.first(pairRef), referrer, referrerStart, referrerEnd, keys.second(pairRef), device as Device, undefined, -1, keys, pairRef).withUserIdBytes(buf, userIdStart, userIdEnd);
    }
    const page = this.pages.read(buf, pageStart, pageEnd);
    const country = this.countries.read(buf, countryStart, countryEnd);
    return into.assign(buf, eventIdStart, uuidCase === 2, userId, ts, page, referrer, referrerStart, referrerEnd, country, device as Device, undefined, -1).withUserIdBytes(buf, userIdStart, userIdEnd);
  }

  /** Skips JSON whitespace (space, tab, LF, CR), the only bytes JSON.parse allows between tokens. */
  private skipWhitespace(buf: Buffer): void {
    let pos = this.pos;
    const end = this.end;
    while (pos < end) {
      const b = buf[pos];
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Exactly `bytes` at the position, no whitespace (the producer's compact form); moves past them. */
  private exactly(buf: Buffer, bytes: Uint8Array): boolean {
    const pos = this.pos;
    const length = bytes.length;
    if (pos + length > this.end) return false;
    for (let i = 0; i < length; i++) if (buf[pos + i] !== bytes[i]) return false;
    this.pos = pos + length;
    return true;
  }

  /** `,"name":` compact, else the same with whitespace between the tokens. */
  private field(buf: Buffer, compactBytes: Uint8Array, quotedName: Uint8Array): boolean {
    return this.exactly(buf, compactBytes) || (this.punct(buf, COMMA) && this.key(buf, quotedName));
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
    return this.exactly(buf, bytes);
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
    const end = this.end;
    for (;;) {
      if (pos >= end) return -1;
      const b = buf[pos] as number;
      if (b === QUOTE) break;
      // Control bytes (invalid JSON), DEL and non-ASCII (UTF-8 questions), escapes: not ours to decide.
      if (b < 0x20 || b > 0x7e || b === BACKSLASH) return -1;
      pos++;
    }
    this.stringStart = start;
    this.pos = pos + 1;
    return pos;
  }

  /** Whitespace, then 1 to 15 decimal digits (no sign, no leading zero, no fraction or exponent) into `value`. */
  private integer(buf: Buffer): boolean {
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
    if (digits === 0 || digits > MAX_TS_DIGITS || (digits > 1 && buf[start] === ZERO)) return false;
    // A fraction or exponent would follow here: the JSON.parse path decides those.
    const next = buf[pos];
    if (next === 0x2e || next === 0x65 || next === 0x45) return false;
    this.value = n;
    this.pos = pos;
    return true;
  }
}
