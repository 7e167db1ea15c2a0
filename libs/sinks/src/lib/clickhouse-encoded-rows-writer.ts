import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseInsertError } from './clickhouse-insert-error';
import { isRowRefusal } from './row-refusal';

/**
 * Rows already serialised in the writer's format, one after another in one buffer (e.g.
 * JSONCompactEachRow lines, each ending in `\n`), so a caller that can build its rows' bytes
 * cheaply skips the client's per-row `JSON.stringify` and the joined string.
 */
export interface EncodedRows {
  readonly rowCount: number;
  /** The bytes of rows [from, to), contiguous. */
  bytesOf(from: number, to: number): Buffer;
}

export interface EncodedRowsWriterOptions {
  /** Unqualified table name; the client's `database` decides where it lives. */
  readonly table: string;
  readonly columns: readonly string[];
  /** The format the rows' bytes are in. */
  readonly format: 'JSONCompactEachRow';
}

/** Which rows ClickHouse refused on their own (by index in the block), with its error. */
export interface EncodedInsertOutcome {
  /** Rows landed (or already there: a deduplicated replay counts too). */
  readonly rows: number;
  readonly durationMs: number;
  readonly refused: readonly { readonly index: number; readonly error: string }[];
}

/**
 * ClickHouseTableWriter for prebuilt bodies: the same `insert_deduplication_token` contract and
 * the same settings, and the same bisection of a block ClickHouse refuses for its rows (halves
 * split at ceil(n/2) under `<token>:0` / `<token>:1`, recursively), so the pieces and their
 * tokens are exactly those ClickHouseTableWriter would send for the same rows, and a replay by
 * either writer is deduplicated. The body goes out as is (`exec` with the INSERT query in the
 * URL, as the client's own `insert` sends it). Service failures throw ClickHouseInsertError.
 */
export class ClickHouseEncodedRowsWriter {
  private readonly query: string;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly options: EncodedRowsWriterOptions,
  ) {
    // The statement the client's insert() builds for the same table, columns and format.
    this.query = `INSERT INTO ${options.table} (${options.columns.join(', ')}) FORMAT ${options.format}`;
  }

  get table(): string {
    return this.options.table;
  }

  async insert(rows: EncodedRows, dedupToken: string): Promise<EncodedInsertOutcome> {
    const refused: { index: number; error: string }[] = [];
    if (rows.rowCount === 0) return { rows: 0, durationMs: 0, refused };
    const started = performance.now();
    await this.insertOrSplit(rows, 0, rows.rowCount, dedupToken, refused);
    return { rows: rows.rowCount - refused.length, durationMs: performance.now() - started, refused };
  }

  private async insertOrSplit(rows: EncodedRows, from: number, to: number, token: string, refused: { index: number; error: string }[]): Promise<void> {
    try {
      await this.insertBody(rows.bytesOf(from, to), token);
      return;
    } catch (err) {
      if (!isRowRefusal(err)) throw new ClickHouseInsertError(this.options.table, to - from, token, err);
      if (to - from === 1) {
        refused.push({ index: from, error: (err as Error).message });
        return;
      }
    }
    const half = from + Math.ceil((to - from) / 2);
    await this.insertOrSplit(rows, from, half, `${token}:0`, refused);
    await this.insertOrSplit(rows, half, to, `${token}:1`, refused);
  }

  private async insertBody(body: Buffer, token: string): Promise<void> {
    const result = await this.client.exec({
      query: this.query,
      values: Readable.from([body], { objectMode: false }),
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: token,
        // A replayed batch must be dropped in the materialized-view rollups as well, not only here.
        deduplicate_blocks_in_dependent_materialized_views: 1,
        // Wait for the part to be written: "confirmed" must mean durable before we commit offsets.
        async_insert: 0,
      },
    });
    // An INSERT answers with an empty body; reading it to the end frees the keep-alive socket.
    await finished(result.stream.resume());
  }
}
