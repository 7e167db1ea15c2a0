import type { IdDictionary } from '@clickstream/window-engine';
import { EncodedRowsBlock, writeJsonInteger } from '@clickstream/sinks';
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
/** Worst case bytes per UTF-16 unit in JSON: `\u001f` is 6. */
const MAX_BYTES_PER_UNIT = 6;
/** Room checked before each user id: an indexed ASCII id's bytes (at most 128), two quotes, a comma. */
const ASCII_ID_ROOM = 128 + 3;
/** Bytes of a row besides its strings: brackets, commas, quotes, newline, five numbers of at most 24 characters. */
const FIXED_ROW_BYTES = 32 + 5 * 24;

/** A pane's distinct user ids in first-seen order, read in place (UniqueIds once compacted, PaneUsers). */
export interface PaneUserIds {
  distinctAt(i: number): number;
}

/**
 * A block of page_minute_agg rows (one per pane) as JSONCompactEachRow lines in one growing
 * buffer: what the insert sends, byte for byte. Written when the pane fires, so no row object or
 * value array is kept per pane, and the client's per-row JSON.stringify is gone (it was 5% of the
 * aggregator's profile at 20,000 pages, issue 14). Every line is exactly
 * `JSON.stringify(values) + '\n'` of the row's values in PAGE_MINUTE_AGG_COLUMNS order (the
 * client's own encoding): printable ASCII strings without quotes or backslashes are their own
 * JSON spelling and are copied unit by unit; any other string goes through JSON.stringify.
 */
export class PageMinuteAggBlock extends EncodedRowsBlock {
  /** `"<topic>",<partition>,`: the same in every row of the block. */
  private readonly source: Buffer;
  /**
   * `[<window start>,<window end>,` of the last row: a fired window's panes come one after the
   * other, so the two 13-digit numbers are written once per window, not per pane (at 20,000 pages
   * a window fires tens of thousands of panes; issue 14).
   */
  private windowPrefix = new Uint8Array(0);
  private windowPrefixLength = 0;
  private prefixStart = Number.NaN;
  private prefixEnd = Number.NaN;

  constructor(
    readonly topic: string,
    readonly partition: number,
    initialCapacity?: number,
  ) {
    super(initialCapacity);
    this.source = Buffer.from(`${JSON.stringify(topic)},${JSON.stringify(partition)},`, 'utf8');
  }

  /**
   * A row whose page and country are `key`'s parts before and after `at` (the window key and its
   * separator), and whose user ids are the first `count` of `ids`, refs in `users`, copied from
   * their bytes when ASCII: no page, country or user-id string (or array) is made per pane.
   */
  appendSplitKey(windowStart: number, windowEnd: number, key: string, at: number, pane: number, clicks: number, users: IdDictionary, count: number, ids: PaneUserIds): void {
    this.appendRow(windowStart, windowEnd, key, 0, at, key, at + 1, key.length, pane, clicks, users, count, ids);
  }

  /** A row of `page` and `country` (a key's pair kept as its parts: no key string read or split per pane); the rest as appendSplitKey. */
  appendPageCountry(windowStart: number, windowEnd: number, page: string, country: string, pane: number, clicks: number, users: IdDictionary, count: number, ids: PaneUserIds): void {
    this.appendRow(windowStart, windowEnd, page, 0, page.length, country, 0, country.length, pane, clicks, users, count, ids);
  }

  /** The row whose page is `pageIn[pageFrom, pageTo)` and country `countryIn[countryFrom, countryTo)`. */
  private appendRow(
    windowStart: number, windowEnd: number,
    pageIn: string, pageFrom: number, pageTo: number,
    countryIn: string, countryFrom: number, countryTo: number,
    pane: number, clicks: number, users: IdDictionary, count: number, ids: PaneUserIds,
  ): void {
    this.reserve(FIXED_ROW_BYTES + this.source.length + (pageTo - pageFrom + countryTo - countryFrom) * MAX_BYTES_PER_UNIT);
    let out = this.bytes;
    let pos = this.length;
    if (windowStart !== this.prefixStart || windowEnd !== this.prefixEnd) this.setWindowPrefix(windowStart, windowEnd);
    pos = copyBytes(this.windowPrefix, this.windowPrefixLength, out, pos);
    pos = writeString(out, pos, pageIn, pageFrom, pageTo);
    out[pos++] = COMMA;
    pos = writeString(out, pos, countryIn, countryFrom, countryTo);
    out[pos++] = COMMA;
    // A byte loop: Buffer#copy's argument checks and native call cost more than ~20 bytes.
    pos = copyBytes(this.source, this.source.length, out, pos);
    pos = writeJsonInteger(out, pos, pane);
    out[pos++] = COMMA;
    pos = writeJsonInteger(out, pos, clicks);
    out[pos++] = COMMA;
    pos = writeJsonInteger(out, pos, count);
    out[pos++] = COMMA;
    out[pos++] = OPEN_BRACKET;
    for (let i = 0; i < count; i++) {
      // Room for an indexed ASCII id (at most 128 bytes), its quotes and a comma; longer ids are checked below.
      if (pos + ASCII_ID_ROOM > out.length) out = this.grow(pos, ASCII_ID_ROOM);
      if (i > 0) out[pos++] = COMMA;
      const ref = ids.distinctAt(i);
      const end = users.copyAsciiBytes(ref, out, pos + 1);
      if (end >= 0 && isJsonPlain(out, pos + 1, end)) {
        out[pos] = QUOTE;
        out[end] = QUOTE;
        pos = end + 1;
      } else {
        // Not ASCII, or ASCII that JSON escapes: the string's own spelling.
        const json = JSON.stringify(users.stringOf(ref));
        if (pos + json.length * 3 > out.length) out = this.grow(pos, json.length * 3);
        pos += out.write(json, pos, 'utf8');
      }
    }
    if (pos + 3 > out.length) out = this.grow(pos, 3);
    out[pos++] = CLOSE_BRACKET;
    out[pos++] = CLOSE_BRACKET;
    out[pos++] = NEWLINE;
    this.endRow(pos);
  }

  private setWindowPrefix(windowStart: number, windowEnd: number): void {
    // Room for two numbers of at most 24 characters (FIXED_ROW_BYTES counts them per row too).
    const prefix = Buffer.alloc(2 * 24 + 3);
    let pos = 0;
    prefix[pos++] = OPEN_BRACKET;
    pos = writeJsonInteger(prefix, pos, windowStart);
    prefix[pos++] = COMMA;
    pos = writeJsonInteger(prefix, pos, windowEnd);
    prefix[pos++] = COMMA;
    this.windowPrefix = prefix;
    this.windowPrefixLength = pos;
    this.prefixStart = windowStart;
    this.prefixEnd = windowEnd;
  }

  /** Row `index` read back from its line (a refused row's dead letter; tests). */
  rowAt(index: number): PaneRow {
    const line = this.bytesOf(index, index + 1);
    const [windowStart, windowEnd, page, country, , , pane, clicks, , userIds] = JSON.parse(line.toString('utf8', 0, line.length - 1)) as [
      number, number, string, string, string, number, number, number, number, string[],
    ];
    return { windowStart, windowEnd, page, country, pane, clicks, userIds };
  }
}

function copyBytes(from: Uint8Array, length: number, out: Buffer, pos: number): number {
  for (let i = 0; i < length; i++) out[pos + i] = from[i] as number;
  return pos + length;
}

/** Whether `out[start, end)` is printable ASCII without `"` or `\\`: its own JSON spelling. */
function isJsonPlain(out: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = out[i] as number;
    if (byte < 0x20 || byte > 0x7e || byte === QUOTE || byte === BACKSLASH) return false;
  }
  return true;
}

/** `value[from, to)` as JSON.stringify spells it: copied when it is printable ASCII without `"` or `\`. */
function writeString(out: Buffer, pos: number, value: string, from: number, to: number): number {
  out[pos] = QUOTE;
  const at = pos + 1 - from;
  for (let i = from; i < to; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20 || unit > 0x7e || unit === QUOTE || unit === BACKSLASH) return pos + out.write(JSON.stringify(value.slice(from, to)), pos, 'utf8');
    out[at + i] = unit;
  }
  out[at + to] = QUOTE;
  return at + to + 1;
}
