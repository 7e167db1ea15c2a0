import type { types } from 'avsc';
import { type Device, isDevice } from '../click-event/device';
import type { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { uuidBytesCase } from '../validation/canonical-uuid-bytes';
import { type ClickEventValidationOptions, DEFAULT_VALIDATION_LIMITS } from '../validation/validation-options';
import { AVRO_FRAME_HEADER_BYTES, AVRO_MAGIC_BYTE } from './avro-frame';
import { AvroClickEventReader } from './avro-click-event-reader';

/** avsc's bound for a long it will return (it throws 'potential precision loss' beyond). */
const MAX_SAFE_LONG = 9007199254740990;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;

/**
 * Where each field of a click event sits in its Avro frame, for a consumer that copies the fields'
 * bytes instead of making strings (the raw sink builds its ClickHouse rows from them): the Avro
 * counterpart of JsonClickEventSpans, with the same contract.
 *
 * `read` says `true` only for a frame that `decodeClickEvent` (with the same options, registry and
 * clock) certainly accepts: the registry's production schema (no resolver), a body that ends
 * exactly at the frame's end, every string printable ASCII without `"` or `\` (so its bytes are
 * its UTF-16 units and its own JSON spelling), and every value rule of `checkClickEventFields`
 * checked on the bytes. Anything else is `false`: the caller runs `decodeClickEvent`, the one place
 * that rejects. Agreement is property-tested (avro-click-event-spans.spec.ts).
 *
 * The spans are valid until the next `read`; `referrerStart === referrerEnd` for an empty referrer.
 */
export class AvroClickEventSpans {
  eventIdStart = 0;
  eventIdUppercase = false;
  userIdStart = 0;
  userIdEnd = 0;
  ts = 0;
  pageStart = 0;
  pageEnd = 0;
  referrerStart = 0;
  referrerEnd = 0;
  countryStart = 0;
  device: Device = 'desktop';

  private readonly minTs: number;
  private readonly maxFutureSkewMs: number;
  private readonly maxEventAgeMs: number | undefined;
  private readonly maxUserIdLength: number;
  private readonly maxPageLength: number;
  private readonly maxReferrerLength: number;
  private readonly registry: ClickEventSchemaRegistry;
  /** The production schema's device symbols, or undefined when its layout is not ClickEvent's plain one (then `read` is always false). */
  private readonly devices: readonly string[] | undefined;
  private pos = 0;
  private stringStart = 0;

  /** The same options `decodeClickEvent` gets, except the clock: `read` takes `now` itself. */
  constructor(options: Omit<ClickEventValidationOptions, 'now'> & { readonly registry?: ClickEventSchemaRegistry } = {}) {
    const limits = DEFAULT_VALIDATION_LIMITS;
    this.minTs = options.minTs ?? limits.minTs;
    this.maxFutureSkewMs = options.maxFutureSkewMs ?? limits.maxFutureSkewMs;
    this.maxEventAgeMs = options.maxEventAgeMs;
    this.maxUserIdLength = options.maxUserIdLength ?? limits.maxUserIdLength;
    this.maxPageLength = options.maxPageLength ?? limits.maxPageLength;
    this.maxReferrerLength = options.maxReferrerLength ?? limits.maxReferrerLength;
    this.registry = options.registry ?? clickEventSchemaRegistry;
    const plain = AvroClickEventReader.forReaderType(this.registry.readerType) !== undefined;
    const fields = (this.registry.readerType as types.RecordType).fields;
    this.devices = plain ? [...((fields[6] as types.Field).type as types.EnumType).symbols] : undefined;
  }

  /** Whether `buf` is certainly a valid event at time `now` (epoch ms); then the spans say where its fields are. */
  read(buf: Buffer, now: number): boolean {
    const devices = this.devices;
    if (devices === undefined || buf.length < AVRO_FRAME_HEADER_BYTES || buf[0] !== AVRO_MAGIC_BYTE) return false;
    const schema = this.registry.readerFor(buf.readUInt32BE(1));
    if (schema === undefined || schema.resolver !== undefined) return false;
    this.pos = AVRO_FRAME_HEADER_BYTES;

    const eventIdEnd = this.stringEnd(buf);
    if (eventIdEnd < 0) return false;
    const eventIdStart = this.stringStart;
    const uuidCase = uuidBytesCase(buf, eventIdStart, eventIdEnd);
    // Literal for UUID_INVALID (0), as in the other readers.
    if (uuidCase === 0) return false;

    const userIdEnd = this.stringEnd(buf);
    const userIdStart = this.stringStart;
    if (userIdEnd <= userIdStart || userIdEnd - userIdStart > this.maxUserIdLength || !isPlainAscii(buf, userIdStart, userIdEnd)) return false;

    const ts = this.readLong(buf);
    if (!(ts >= -MAX_SAFE_LONG && ts <= MAX_SAFE_LONG) || this.pos > buf.length || !this.tsAccepted(ts, now)) return false;

    const pageEnd = this.stringEnd(buf);
    const pageStart = this.stringStart;
    if (pageEnd <= pageStart || pageEnd - pageStart > this.maxPageLength || !isPlainAscii(buf, pageStart, pageEnd)) return false;

    const referrerEnd = this.stringEnd(buf);
    const referrerStart = this.stringStart;
    if (referrerEnd < 0 || referrerEnd - referrerStart > this.maxReferrerLength || !isPlainAscii(buf, referrerStart, referrerEnd)) return false;

    const countryEnd = this.stringEnd(buf);
    const countryStart = this.stringStart;
    if (countryEnd - countryStart !== 2 || !isUpperLetter(buf[countryStart] as number) || !isUpperLetter(buf[countryStart + 1] as number)) return false;

    const device = devices[this.readLong(buf)];
    if (this.pos !== buf.length || device === undefined || !isDevice(device)) return false;

    this.eventIdStart = eventIdStart;
    this.eventIdUppercase = uuidCase === 2;
    this.userIdStart = userIdStart;
    this.userIdEnd = userIdEnd;
    this.ts = ts;
    this.pageStart = pageStart;
    this.pageEnd = pageEnd;
    this.referrerStart = referrerStart;
    this.referrerEnd = referrerEnd;
    this.countryStart = countryStart;
    this.device = device;
    return true;
  }

  /** checkTimestamp's accept case, with the same arithmetic (a long is an integer). */
  private tsAccepted(ts: number, now: number): boolean {
    if (ts < this.minTs) return false;
    const maxAge = this.maxEventAgeMs;
    if (maxAge !== undefined && ts < now - maxAge) return false;
    return ts <= now + this.maxFutureSkewMs;
  }

  /** Reads a string's length prefix; returns where its bytes end (and moves past them), or -1. */
  private stringEnd(buf: Buffer): number {
    const length = this.readLong(buf);
    if (!(length >= 0) || this.pos > buf.length) return -1;
    const start = this.pos;
    const end = start + length;
    if (end > buf.length) return -1;
    this.stringStart = start;
    this.pos = end;
    return end;
  }

  /** avsc's Tap.readLong (see AvroClickEventReader.readLong); callers check `pos` against the length. */
  private readLong(buf: Buffer): number {
    let pos = this.pos;
    let n = 0;
    let k = 0;
    let b: number;
    let h: number;
    do {
      b = buf[pos++] as number;
      h = b & 0x80;
      n |= (b & 0x7f) << k;
      k += 7;
    } while (h && k < 28);
    if (h) {
      let f = n;
      let fk = 268435456; // 2 ** 28.
      do {
        b = buf[pos++] as number;
        f += (b & 0x7f) * fk;
        fk *= 128;
      } while (b & 0x80);
      this.pos = pos;
      return (f % 2 ? -(f + 1) : f) / 2;
    }
    this.pos = pos;
    return (n >> 1) ^ -(n & 1);
  }
}

/** Printable ASCII without `"` and `\`: its bytes are its JSON.stringify spelling, unquoted. */
function isPlainAscii(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    if (byte < 0x20 || byte > 0x7e || byte === 0x22 || byte === 0x5c) return false;
  }
  return true;
}

function isUpperLetter(byte: number): boolean {
  return byte >= UPPER_A && byte <= UPPER_Z;
}
