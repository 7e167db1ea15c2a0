import { type Device, isDevice } from '../click-event/device';
import type { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { uuidBytesCase } from '../validation/canonical-uuid-bytes';
import { SpanFieldRules } from '../validation/span-field-rules';
import type { ClickEventValidationOptions } from '../validation/validation-options';
import { AVRO_FRAME_HEADER_BYTES, AVRO_MAGIC_BYTE } from './avro-frame';
import { AvroBodyCursor, MAX_SAFE_LONG } from './avro-body-cursor';
import { AvroClickEventReader } from './avro-click-event-reader';

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
export class AvroClickEventSpans extends AvroBodyCursor {
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

  private readonly rules: SpanFieldRules;
  private readonly registry: ClickEventSchemaRegistry;
  /** The production schema's device symbols, or undefined when its layout is not ClickEvent's plain one (then `read` is always false). */
  private readonly devices: readonly string[] | undefined;

  /** The same options `decodeClickEvent` gets, except the clock: `read` takes `now` itself. */
  constructor(options: Omit<ClickEventValidationOptions, 'now'> & { readonly registry?: ClickEventSchemaRegistry } = {}) {
    super();
    this.rules = new SpanFieldRules(options);
    this.registry = options.registry ?? clickEventSchemaRegistry;
    this.devices = AvroClickEventReader.deviceSymbolsOf(this.registry.readerType);
  }

  /** Whether `buf` is certainly a valid event at time `now` (epoch ms); then the spans say where its fields are. */
  read(buf: Buffer, now: number): boolean {
    const devices = this.devices;
    if (devices === undefined || buf.length < AVRO_FRAME_HEADER_BYTES || buf[0] !== AVRO_MAGIC_BYTE) return false;
    const schema = this.registry.readerFor(buf.readUInt32BE(1));
    if (schema === undefined || schema.resolver !== undefined) return false;
    this.pos = AVRO_FRAME_HEADER_BYTES;
    // Fields are set as they are read: after a `false` the spans mean nothing.
    const eventIdEnd = this.stringEnd(buf);
    if (eventIdEnd < 0) return false;
    this.eventIdStart = this.stringStart;
    const uuidCase = uuidBytesCase(buf, this.stringStart, eventIdEnd);
    // Literals for UUID_INVALID (0) and UUID_UPPERCASE (2), as in the other readers.
    if (uuidCase === 0) return false;
    this.eventIdUppercase = uuidCase === 2;

    const rules = this.rules;
    this.userIdEnd = this.stringEnd(buf);
    this.userIdStart = this.stringStart;
    if (!this.plainText(buf, this.userIdEnd, 1, rules.maxUserIdLength)) return false;

    this.ts = this.readLong(buf);
    if (!(this.ts >= -MAX_SAFE_LONG && this.ts <= MAX_SAFE_LONG) || this.pos > buf.length || !rules.tsAccepted(this.ts, now)) return false;

    this.pageEnd = this.stringEnd(buf);
    this.pageStart = this.stringStart;
    if (!this.plainText(buf, this.pageEnd, 1, rules.maxPageLength)) return false;

    this.referrerEnd = this.stringEnd(buf);
    this.referrerStart = this.stringStart;
    if (!this.plainText(buf, this.referrerEnd, 0, rules.maxReferrerLength)) return false;

    const countryEnd = this.stringEnd(buf);
    const countryStart = this.stringStart;
    if (countryEnd - countryStart !== 2 || !isUpperLetter(buf[countryStart] as number) || !isUpperLetter(buf[countryStart + 1] as number)) return false;
    this.countryStart = countryStart;

    const device = devices[this.readLong(buf)];
    if (this.pos !== buf.length || device === undefined || !isDevice(device)) return false;
    this.device = device;
    return true;
  }

  /**
   * Whether the string just read (ending at `end`, -1 when there was none) has `minLength` to
   * `maxLength` bytes of printable ASCII without `"` and `\`: its bytes are its JSON spelling.
   */
  private plainText(buf: Buffer, end: number, minLength: number, maxLength: number): boolean {
    const start = this.stringStart;
    if (end < 0 || end - start < minLength || end - start > maxLength) return false;
    for (let i = start; i < end; i++) {
      const byte = buf[i] as number;
      if (byte < 0x20 || byte > 0x7e || byte === 0x22 || byte === 0x5c) return false;
    }
    return true;
  }
}

function isUpperLetter(byte: number): boolean {
  return byte >= UPPER_A && byte <= UPPER_Z;
}
