import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseInsertError } from './clickhouse-insert-error';
import { isRowRefusal } from './row-refusal';

export interface TableWriterOptions<Row> {
  /** Unqualified table name; the client's `database` decides where it lives. */
  readonly table: string;
  readonly columns: readonly string[];
  /** One row as values in `columns` order (JSONCompactEachRow: no repeated field names on the wire). */
  readonly toValues: (row: Row) => unknown[];
}

/** A row ClickHouse refused on its own, with ClickHouse's error. */
export interface RefusedRow<Row> {
  readonly row: Row;
  readonly error: string;
}

export interface InsertOutcome<Row = unknown> {
  /** Rows landed (or already there: a deduplicated replay counts too). */
  readonly rows: number;
  readonly durationMs: number;
  /** Rows refused for their content; every other row landed. */
  readonly refused: readonly RefusedRow<Row>[];
}

/**
 * Writes batches with a caller-chosen `insert_deduplication_token`. The token must be a pure
 * function of the batch's content and origin (e.g. partition + offset range): then a retried or
 * replayed batch is dropped by ClickHouse instead of being counted twice. Needs the table setting
 * `non_replicated_deduplication_window` > 0 (the migrations set it).
 *
 * A block ClickHouse refuses for its rows (parse, type and limit errors; too many partitions in
 * one block) is split in halves, recursively, each half under `<token>:0` / `<token>:1`: the
 * rows that land, land; a single row still refused is returned with ClickHouse's error. The
 * split is a pure function of the rows and ClickHouse's verdicts, so a replay splits the same way
 * and every piece it re-sends is deduplicated. Service failures throw ClickHouseInsertError
 * (retriable) for the caller's backoff.
 */
export class ClickHouseTableWriter<Row> {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly options: TableWriterOptions<Row>,
  ) {}

  get table(): string {
    return this.options.table;
  }

  async insert(rows: readonly Row[], dedupToken: string): Promise<InsertOutcome<Row>> {
    const refused: RefusedRow<Row>[] = [];
    if (rows.length === 0) return { rows: 0, durationMs: 0, refused };
    const started = performance.now();
    await this.insertOrSplit(rows, dedupToken, refused);
    return { rows: rows.length - refused.length, durationMs: performance.now() - started, refused };
  }

  private async insertOrSplit(rows: readonly Row[], token: string, refused: RefusedRow<Row>[]): Promise<void> {
    try {
      await this.insertBlock(rows, token);
      return;
    } catch (err) {
      if (!isRowRefusal(err)) throw new ClickHouseInsertError(this.options.table, rows.length, token, err);
      if (rows.length === 1) {
        refused.push({ row: rows[0] as Row, error: (err as Error).message });
        return;
      }
    }
    const half = Math.ceil(rows.length / 2);
    await this.insertOrSplit(rows.slice(0, half), `${token}:0`, refused);
    await this.insertOrSplit(rows.slice(half), `${token}:1`, refused);
  }

  private async insertBlock(rows: readonly Row[], token: string): Promise<void> {
    await this.client.insert({
      table: this.options.table,
      columns: [...this.options.columns] as [string, ...string[]],
      format: 'JSONCompactEachRow',
      values: rows.map(this.options.toValues),
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: token,
        // A replayed batch must be dropped in the materialized-view rollups as well, not only here.
        deduplicate_blocks_in_dependent_materialized_views: 1,
        // Wait for the part to be written: "confirmed" must mean durable before we commit offsets.
        async_insert: 0,
      },
    });
  }
}
