import type { AvroClickEventSpans, ClickEvent, JsonClickEventSpans } from '@clickstream/event-schema';
import { EncodedRowsBlock, writeJsonInteger } from '@clickstream/sinks';

/** Column order of clicks_raw inserts (JSONCompactEachRow). */
export const CLICKS_RAW_COLUMNS = [
  'event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device', 'source_partition', 'source_offset',
] as const;

/** One clicks_raw row as values in CLICKS_RAW_COLUMNS order (source_offset as Kafka spells it: a decimal string). */
export type ClicksRawValues = [string, string, number, string, string, string, string, number, string];

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;
/** Bytes of a row besides its variable fields: brackets, quotes, commas, newline, the 36-byte id, the partition. */
const FIXED_ROW_BYTES = 96;
/** Bytes of the longest device name, written from its string. */
const MAX_DEVICE_BYTES = 7;
/** Shorter runs are copied by a loop: a native copy costs more than it saves on a few bytes. */
const NATIVE_COPY_FROM = 48;

/**
 * A block of clicks_raw rows as JSONCompactEachRow lines in one growing buffer: what the insert
 * sends, byte for byte, so nothing is serialised at flush time and no per-row array or string is
 * kept. Every line is exactly `JSON.stringify(values) + '\n'` of the row's values (the client's
 * own encoding): events a fast path read (JSON or Avro) are copied from their message bytes
 * (printable ASCII without escapes is its own JSON spelling), anything else goes through JSON.stringify.
 */
export class ClicksRawBlock extends EncodedRowsBlock {
  /** Row `index` as values (for a refused row's dead letter: JSON.stringify of it is the line sent). */
  rowAt(index: number): ClicksRawValues {
    const line = this.bytesOf(index, index + 1);
    return JSON.parse(line.toString('utf8', 0, line.length - 1)) as ClicksRawValues;
  }

  /** A row from an event the JSON fast path read (`spans` just read `message`, true). */
  appendSpans(message: Buffer, spans: JsonClickEventSpans, partition: number, offset: string): void {
    const variable = spans.userIdEnd - spans.userIdStart + (spans.tsEnd - spans.tsStart) + (spans.pageEnd - spans.pageStart)
      + (spans.referrerEnd - spans.referrerStart) + (spans.deviceEnd - spans.deviceStart) + offset.length;
    this.reserve(variable + FIXED_ROW_BYTES);
    const out = this.bytes;
    let pos = writeIds(out, this.length, message, spans.eventIdStart, spans.eventIdUppercase, spans.userIdStart, spans.userIdEnd);
    pos = copy(message, spans.tsStart, spans.tsEnd, out, pos);
    pos = writeTexts(out, pos, message, spans.pageStart, spans.pageEnd, spans.referrerStart, spans.referrerEnd, spans.countryStart);
    pos = copy(message, spans.deviceStart, spans.deviceEnd, out, pos);
    this.endRow(writeSource(out, pos, partition, offset));
  }

  /** A row from an event the Avro fast path read (`spans` just read `message`, true). */
  appendAvroSpans(message: Buffer, spans: AvroClickEventSpans, partition: number, offset: string): void {
    // 16 bytes hold any safe integer's digits and sign.
    const variable = spans.userIdEnd - spans.userIdStart + 16 + (spans.pageEnd - spans.pageStart)
      + (spans.referrerEnd - spans.referrerStart) + MAX_DEVICE_BYTES + offset.length;
    this.reserve(variable + FIXED_ROW_BYTES);
    const out = this.bytes;
    let pos = writeIds(out, this.length, message, spans.eventIdStart, spans.eventIdUppercase, spans.userIdStart, spans.userIdEnd);
    pos = writeJsonInteger(out, pos, spans.ts);
    pos = writeTexts(out, pos, message, spans.pageStart, spans.pageEnd, spans.referrerStart, spans.referrerEnd, spans.countryStart);
    const device = spans.device;
    for (let i = 0; i < device.length; i++) out[pos++] = device.charCodeAt(i);
    this.endRow(writeSource(out, pos, partition, offset));
  }

  /** A row from a decoded event (one the fast paths left to decodeClickEvent). */
  appendEvent(e: ClickEvent, partition: number, offset: string): void {
    const values: ClicksRawValues = [e.event_id, e.user_id, e.ts, e.page, e.referrer, e.country, e.device, partition, offset];
    const line = JSON.stringify(values);
    // At most 3 bytes per UTF-16 unit, plus the newline.
    this.reserve(line.length * 3 + 1);
    let pos = this.length + this.bytes.write(line, this.length, 'utf8');
    this.bytes[pos++] = NEWLINE;
    this.endRow(pos);
  }
}

/** `["event id","user id",` up to where the ts goes: the id canonical (lowercase), both copied from `message`. */
function writeIds(out: Buffer, pos: number, message: Buffer, idStart: number, uppercase: boolean, userIdStart: number, userIdEnd: number): number {
  out[pos++] = OPEN_BRACKET;
  out[pos++] = QUOTE;
  // A validated UUID: its canonical form lowercases A-F; | 0x20 leaves digits, a-f and hyphens as they are.
  if (uppercase) for (let i = 0; i < 36; i++) out[pos + i] = (message[idStart + i] as number) | 0x20;
  else for (let i = 0; i < 36; i++) out[pos + i] = message[idStart + i] as number;
  pos += 36;
  pos = separator(out, pos, true, true);
  pos = copy(message, userIdStart, userIdEnd, out, pos);
  return separator(out, pos, true, false);
}

/** `,"page","referrer","country","` after the ts, up to where the device goes, copied from `message`. */
function writeTexts(out: Buffer, pos: number, message: Buffer, pageStart: number, pageEnd: number, referrerStart: number, referrerEnd: number, countryStart: number): number {
  pos = separator(out, pos, false, true);
  pos = copy(message, pageStart, pageEnd, out, pos);
  pos = separator(out, pos, true, true);
  pos = copy(message, referrerStart, referrerEnd, out, pos);
  pos = separator(out, pos, true, true);
  out[pos++] = message[countryStart] as number;
  out[pos++] = message[countryStart + 1] as number;
  return separator(out, pos, true, true);
}

/** `",partition,"offset"]` and the newline after the device; returns the row's end. */
function writeSource(out: Buffer, pos: number, partition: number, offset: string): number {
  pos = separator(out, pos, true, false);
  pos = writeJsonInteger(out, pos, partition);
  out[pos++] = COMMA;
  out[pos++] = QUOTE;
  for (let i = 0; i < offset.length; i++) out[pos++] = offset.charCodeAt(i);
  out[pos++] = QUOTE;
  out[pos++] = CLOSE_BRACKET;
  out[pos++] = NEWLINE;
  return pos;
}

/** Closes the previous value (quote if it was a string), a comma, opens the next (quote if a string). */
function separator(out: Buffer, pos: number, closeQuote: boolean, openQuote: boolean): number {
  if (closeQuote) out[pos++] = QUOTE;
  out[pos++] = COMMA;
  if (openQuote) out[pos++] = QUOTE;
  return pos;
}

function copy(from: Buffer, start: number, end: number, out: Buffer, pos: number): number {
  const n = end - start;
  if (n >= NATIVE_COPY_FROM) return pos + from.copy(out, pos, start, end);
  for (let i = 0; i < n; i++) out[pos + i] = from[start + i] as number;
  return pos + n;
}
