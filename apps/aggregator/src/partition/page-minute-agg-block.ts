import type { EncodedRows } from '@clickstream/sinks';
import type { PaneRow } from './output-rows';

/** Column order of page_minute_agg inserts (JSONCompactEachRow). */
export const PAGE_MINUTE_AGG_COLUMNS = [
  'window_start', 'window_end', 'page', 'country', 'source_topic', 'source_partition', 'pane', 'clicks', 'unique_users', 'user_ids',
] as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const MIN_CAPACITY = 64 * 1024;
/** Worst case bytes per UTF-16 unit in JSON: `\u001f` is 6. */
const MAX_BYTES_PER_UNIT = 6;
/** Bytes of a row besides its strings: brackets, commas, quotes, newline, five numbers of at most 24 characters. */
const FIXED_ROW_BYTES = 32 + 5 * 24;

/**
 * A block of page_minute_agg rows (one per pane) as JSONCompactEachRow lines in one growing
 * buffer: what the insert sends, byte for byte. Written when the pane fires, so no row object or
 * value array is kept per pane, and the client's per-row JSON.stringify is gone (it was 5% of the
 * aggregator's profile at 20,000 pages, issue 14). Every line is exactly
 * `JSON.stringify(values) + '\n'` of the row's values in PAGE_MINUTE_AGG_COLUMNS order (the
 * client's own encoding): printable ASCII strings without quotes or backslashes are their own
 * JSON spelling and are copied unit by unit; any other string goes through JSON.stringify.
 */
export class PageMinuteAggBlock implements EncodedRows {
  private bytes: Buffer;
  private length = 0;
  /** Where each row's line ends (exclusive). */
  private readonly ends: number[] = [];
  /** `"<topic>",<partition>,`: the same in every row of the block. */
  private readonly source: Buffer;

  constructor(
    readonly topic: string,
    readonly partition: number,
    initialCapacity = MIN_CAPACITY,
  ) {
    this.bytes = Buffer.allocUnsafe(Math.max(MIN_CAPACITY, initialCapacity));
    this.source = Buffer.from(`${JSON.stringify(topic)},${JSON.stringify(partition)},`, 'utf8');
  }

  get rowCount(): number {
    return this.ends.length;
  }

  get byteLength(): number {
    return this.length;
  }

  bytesOf(from: number, to: number): Buffer {
    const start = from === 0 ? 0 : (this.ends[from - 1] as number);
    return this.bytes.subarray(start, to === 0 ? 0 : this.ends[to - 1]);
  }

  append(row: PaneRow): void {
    const ids = row.userIds;
    let units = row.page.length + row.country.length;
    for (let i = 0; i < ids.length; i++) units += (ids[i] as string).length + 3;
    this.reserve(FIXED_ROW_BYTES + this.source.length + units * MAX_BYTES_PER_UNIT);
    const out = this.bytes;
    let pos = this.length;
    out[pos++] = OPEN_BRACKET;
    pos = writeInteger(out, pos, row.windowStart);
    out[pos++] = COMMA;
    pos = writeInteger(out, pos, row.windowEnd);
    out[pos++] = COMMA;
    pos = writeString(out, pos, row.page);
    out[pos++] = COMMA;
    pos = writeString(out, pos, row.country);
    out[pos++] = COMMA;
    pos += this.source.copy(out, pos);
    pos = writeInteger(out, pos, row.pane);
    out[pos++] = COMMA;
    pos = writeInteger(out, pos, row.clicks);
    out[pos++] = COMMA;
    pos = writeInteger(out, pos, ids.length);
    out[pos++] = COMMA;
    out[pos++] = OPEN_BRACKET;
    for (let i = 0; i < ids.length; i++) {
      if (i > 0) out[pos++] = COMMA;
      pos = writeString(out, pos, ids[i] as string);
    }
    out[pos++] = CLOSE_BRACKET;
    out[pos++] = CLOSE_BRACKET;
    out[pos++] = NEWLINE;
    this.length = pos;
    this.ends.push(pos);
  }

  /** Row `index` read back from its line (a refused row's dead letter; tests). */
  rowAt(index: number): PaneRow {
    const line = this.bytesOf(index, index + 1);
    const [windowStart, windowEnd, page, country, , , pane, clicks, , userIds] = JSON.parse(line.toString('utf8', 0, line.length - 1)) as [
      number, number, string, string, string, number, number, number, number, string[],
    ];
    return { windowStart, windowEnd, page, country, pane, clicks, userIds };
  }

  private reserve(bytes: number): void {
    const needed = this.length + bytes;
    if (needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}

/** `value` as JSON.stringify spells it: copied when it is printable ASCII without `"` or `\`. */
function writeString(out: Buffer, pos: number, value: string): number {
  out[pos] = QUOTE;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20 || unit > 0x7e || unit === QUOTE || unit === BACKSLASH) return pos + out.write(JSON.stringify(value), pos, 'utf8');
    out[pos + 1 + i] = unit;
  }
  out[pos + 1 + length] = QUOTE;
  return pos + length + 2;
}

/** A safe integer's decimal digits (JSON.stringify's spelling) without making a string; anything else through JSON.stringify. */
function writeInteger(out: Buffer, pos: number, value: number): number {
  if (!Number.isSafeInteger(value)) return pos + out.write(JSON.stringify(value), pos, 'latin1');
  let rest = value;
  if (rest < 0) {
    out[pos++] = MINUS;
    rest = -rest;
  }
  let digits = 1;
  for (let r = rest; r >= 10; r = Math.floor(r / 10)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    out[pos + i] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return pos + digits;
}
