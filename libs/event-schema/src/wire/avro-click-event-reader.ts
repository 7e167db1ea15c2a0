import { Type, type types } from 'avsc';
import { CLICK_EVENT_FIELDS } from '../click-event/click-event';
import type { Device } from '../click-event/device';
import type { InternedClickEvent } from '../interning/interned-click-event';
import type { PairKeyInterner } from '../interning/pair-key-interner';
import { isCountryCodeBytes } from '../validation/country-code';
import { uuidBytesCase } from '../validation/canonical-uuid-bytes';
import type { ClickEventDraft } from '../validation/click-event-draft';
import { isUtf8Range } from '../text/text-content';
import { AsciiStringCache, utf8Slice } from './ascii-string-cache';
import { AvroBodyCursor, MAX_SAFE_LONG } from './avro-body-cursor';

/** U+FFFD: what utf8Slice makes of a malformed sequence (or a genuine U+FFFD). */
const REPLACEMENT = '\ufffd';


/** The reader schema layout this reader is written for: ClickEvent's fields, in order, with these Avro types. */
const EXPECTED_TYPES = ['string', 'string', 'long', 'string', 'string', 'string', 'enum'] as const;

type RecordConstructor = new (
  eventId: string,
  userId: string,
  ts: number,
  page: string,
  referrer: string,
  country: string,
  device: string,
) => ClickEventDraft;

/**
 * Hand-written decoder for Avro bodies written with the reader schema itself (the production
 * version: no resolver), replacing avsc's generic reader on the hot path.
 *
 * Why: avsc allocates a Tap and a `{ value, offset }` wrapper per message and decodes each of the
 * six strings with a native utf8Slice call (~40 ns each) into fresh strings. Here the low-entropy
 * strings (user_id, page, referrer, country) come from AsciiStringCaches, so a repeated value
 * costs a short byte hash instead of a native call and an allocation, and it reaches the window
 * engine with its hash already computed.
 *
 * Exactness: the output is a record of avsc's own record class with the values avsc would return.
 * Whenever the body is anything but a clean decode ending exactly at the end of the buffer
 * (truncated, negative length, bad enum index, unsafe long, trailing bytes), `read` returns
 * `undefined` and the caller runs avsc, which produces the same value or error as before. So this
 * only has to be right on the success path.
 */
export class AvroClickEventReader extends AvroBodyCursor {
  private readonly pages = new AsciiStringCache(1 << 16, 256);
  private readonly referrers = new AsciiStringCache(1 << 11, 256);
  private readonly countries = new AsciiStringCache(1 << 10, 8);
  /** The user id's length in the last event `readInterned` filled when it is printable ASCII, else -1. */
  userIdLength = -1;
  private constructor(
    private readonly Record: RecordConstructor,
    private readonly devices: readonly string[],
  ) {
    super();
  }

  /**
   * A reader for `readerType`, or `undefined` when its layout is not exactly ClickEvent's fields
   * with plain string/long/enum types (then callers keep using avsc).
   */
  static forReaderType(readerType: Type): AvroClickEventReader | undefined {
    const devices = AvroClickEventReader.deviceSymbolsOf(readerType);
    return devices === undefined ? undefined : new AvroClickEventReader((readerType as types.RecordType).recordConstructor as RecordConstructor, devices);
  }

  /**
   * The device enum's symbols when `readerType`'s layout is exactly ClickEvent's fields with plain
   * string/long/enum types (what the hand-written readers are written for), else `undefined`.
   */
  static deviceSymbolsOf(readerType: Type): string[] | undefined {
    if (!Type.isType(readerType, 'record')) return undefined;
    const record = readerType as types.RecordType;
    if (record.fields.length !== CLICK_EVENT_FIELDS.length) return undefined;
    for (let i = 0; i < CLICK_EVENT_FIELDS.length; i++) {
      const field = record.fields[i] as types.Field;
      if (field.name !== CLICK_EVENT_FIELDS[i] || field.type.typeName !== EXPECTED_TYPES[i]) return undefined;
    }
    return [...((record.fields[6] as types.Field).type as types.EnumType).symbols];
  }

  /** The record in `buf[start, buf.length)`, or `undefined` when avsc must decide (see the class doc). */
  read(buf: Buffer, start: number): ClickEventDraft | undefined {
    this.pos = start;
    const end = buf.length;
    const eventIdEnd = this.stringEnd(buf);
    if (eventIdEnd < 0) return undefined;
    const eventId = utf8Slice(buf, this.stringStart, eventIdEnd);
    const userIdEnd = this.stringEnd(buf);
    if (userIdEnd < 0) return undefined;
    const userId = utf8Slice(buf, this.stringStart, userIdEnd);
    const ts = this.readLong(buf);
    if (!(ts >= -MAX_SAFE_LONG && ts <= MAX_SAFE_LONG) || this.pos > end) return undefined;
    const pageEnd = this.stringEnd(buf);
    if (pageEnd < 0) return undefined;
    const page = this.pages.read(buf, this.stringStart, pageEnd);
    const referrerEnd = this.stringEnd(buf);
    if (referrerEnd < 0) return undefined;
    const referrer = this.referrers.read(buf, this.stringStart, referrerEnd);
    const countryEnd = this.stringEnd(buf);
    if (countryEnd < 0) return undefined;
    const country = this.countries.read(buf, this.stringStart, countryEnd);
    const index = this.readLong(buf);
    if (this.pos !== end) return undefined;
    const device = this.devices[index];
    if (device === undefined) return undefined;
    // Possibly malformed UTF-8: the caller's avsc path tells a real U+FFFD from a repair.
    if (userId.includes(REPLACEMENT) || page.includes(REPLACEMENT) || referrer.includes(REPLACEMENT) || country.includes(REPLACEMENT)) return undefined;
    return new this.Record(eventId, userId, ts, page, referrer, country, device);
  }

  /**
   * Like `read`, for InterningClickEventDecoder, filling `into`: the user id is kept as its bytes
   * (InternedClickEvent.userIdBytes), the event id is only checked in place and the referrer only measured
   * (see InternedClickEvent). `undefined` also for a referrer of more than `maxReferrerBytes`. `undefined` also
   * when the event id is not a valid UUID: the caller's full decode then produces the rejection.
   * Only `event_id` is checked here; the caller checks the other fields.
   */
  readInterned(buf: Buffer, start: number, into: InternedClickEvent, maxReferrerBytes: number, pairKeys?: PairKeyInterner): InternedClickEvent | undefined {
    this.pos = start;
    const end = buf.length;
    const eventIdEnd = this.stringEnd(buf);
    if (eventIdEnd < 0) return undefined;
    const eventIdStart = this.stringStart;
    const userIdEnd = this.stringEnd(buf);
    if (userIdEnd < 0) return undefined;
    const userIdStart = this.stringStart;
    const ts = this.readLong(buf);
    if (!(ts >= -MAX_SAFE_LONG && ts <= MAX_SAFE_LONG) || this.pos > end) return undefined;
    const pageEnd = this.stringEnd(buf);
    if (pageEnd < 0) return undefined;
    const pageStart = this.stringStart;
    const referrerEnd = this.stringEnd(buf);
    // Within the bound in bytes means within it in UTF-16 units: the referrer check cannot fail.
    if (referrerEnd < 0 || referrerEnd - this.stringStart > maxReferrerBytes) return undefined;
    const referrerStart = this.stringStart;
    const countryEnd = this.stringEnd(buf);
    if (countryEnd < 0) return undefined;
    const countryStart = this.stringStart;
    // Page and country in one probe of the pair interner when there is one (ASCII only, so no repair to look for).
    // Only a country that can pass its check is interned: rejected records must not fill the interner.
    const pairRef = pairKeys === undefined || !isCountryCodeBytes(buf, countryStart, countryEnd) ? -1 : pairKeys.refOfBytes(buf, pageStart, pageEnd, countryStart, countryEnd);
    const page = pairRef >= 0 ? (pairKeys as PairKeyInterner).first(pairRef) : this.pages.read(buf, pageStart, pageEnd);
    const country = pairRef >= 0 ? (pairKeys as PairKeyInterner).second(pairRef) : this.countries.read(buf, countryStart, countryEnd);
    const index = this.readLong(buf);
    if (this.pos !== end) return undefined;
    const device = this.devices[index];
    if (device === undefined) return undefined;
    // Literals for UUID_INVALID (0) and UUID_UPPERCASE (2): imported constants cost a getter per read under tsx.
    const uuidCase = uuidBytesCase(buf, eventIdStart, eventIdEnd);
    if (uuidCase === 0) return undefined;
    // Strict text before interning: malformed UTF-8 in the user id, a page that may hold a
    // repair, or a referrer that is not plain printable ASCII (its controls are otherwise
    // unchecked here), or a country that may hold a repair, go to the full decode, which rejects or accepts them exactly.
    if (!isUtf8Range(buf, userIdStart, userIdEnd) || page.includes(REPLACEMENT) || country.includes(REPLACEMENT) || !isPrintableAscii(buf, referrerStart, referrerEnd)) return undefined;
    // Printable ASCII is checked by its length alone (checkClickEventFields), so the user id string
    // is made only if read (InternedClickEvent.user_id).
    this.userIdLength = isPrintableAscii(buf, userIdStart, userIdEnd) ? userIdEnd - userIdStart : -1;
    const userId = undefined;
    // The device is one of the schema's symbols; the caller's field checks confirm it is a Device.
    const referrer = referrerEnd === referrerStart ? '' : buf;
    if (pairRef >= 0) {
      const keys = pairKeys as PairKeyInterner;
      return into.assign(buf, eventIdStart, uuidCase === 2, userId, ts, page, referrer, referrerStart, referrerEnd, country, device as Device, undefined, -1, keys, pairRef).withUserIdBytes(buf, userIdStart, userIdEnd);
    }
    return into.assign(buf, eventIdStart, uuidCase === 2, userId, ts, page, referrer, referrerStart, referrerEnd, country, device as Device, undefined, -1).withUserIdBytes(buf, userIdStart, userIdEnd);
  }
}

/** Bytes 0x20..0x7e only. */
function isPrintableAscii(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}
