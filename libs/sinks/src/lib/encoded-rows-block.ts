import type { EncodedRows } from './clickhouse-encoded-rows-writer';

const MIN_CAPACITY = 64 * 1024;

/**
 * Rows already serialised as lines (e.g. JSONCompactEachRow) in one growing buffer, for
 * ClickHouseEncodedRowsWriter: the common part of a table's block (the raw sink's ClicksRawBlock,
 * the aggregator's PageMinuteAggBlock). A subclass writes a row's bytes into `bytes` from `length`
 * on, making room first (`reserve`, or `grow` in the middle of a row), and closes it with `endRow`.
 */
export class EncodedRowsBlock implements EncodedRows {
  protected bytes: Buffer;
  protected length = 0;
  /** Where each row's line ends (exclusive). */
  private readonly ends: number[] = [];

  constructor(initialCapacity = MIN_CAPACITY) {
    this.bytes = Buffer.allocUnsafe(Math.max(MIN_CAPACITY, initialCapacity));
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

  /** Room for `bytes` more from `length` (the start of the next row). */
  protected reserve(bytes: number): void {
    if (this.length + bytes > this.bytes.length) this.grow(this.length, bytes);
  }

  /** Room for `bytes` more after `pos` (a row being written keeps its bytes up to `pos`); returns the new buffer. */
  protected grow(pos: number, bytes: number): Buffer {
    const grown = Buffer.allocUnsafe(Math.max(pos + bytes, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, pos);
    this.bytes = grown;
    return grown;
  }

  /** The row being written ends at `pos` (after its newline). */
  protected endRow(pos: number): void {
    this.length = pos;
    this.ends.push(pos);
  }
}
