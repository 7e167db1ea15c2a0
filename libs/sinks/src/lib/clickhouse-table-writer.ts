import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseInsertError } from './clickhouse-insert-error';

export interface TableWriterOptions<Row> {
  /** Unqualified table name; the client's `database` decides where it lives. */
  readonly table: string;
  readonly columns: readonly string[];
  /** One row as values in `columns` order (JSONCompactEachRow: no repeated field names on the wire). */
  readonly toValues: (row: Row) => unknown[];
}

export interface InsertOutcome {
  readonly rows: number;
  readonly durationMs: number;
}

/**
 * Writes batches with a caller-chosen `insert_deduplication_token`. The token must be a pure
 * function of the batch's content and origin (e.g. partition + offset range): then a retried or
 * replayed batch is dropped by ClickHouse instead of being counted twice. Needs the table setting
 * `non_replicated_deduplication_window` > 0 (the migrations set it).
 */
export class ClickHouseTableWriter<Row> {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly options: TableWriterOptions<Row>,
  ) {}

  get table(): string {
    return this.options.table;
  }

  async insert(rows: readonly Row[], dedupToken: string): Promise<InsertOutcome> {
    if (rows.length === 0) return { rows: 0, durationMs: 0 };
    const started = performance.now();
    try {
      await this.client.insert({
        table: this.options.table,
        columns: [...this.options.columns] as [string, ...string[]],
        format: 'JSONCompactEachRow',
        values: rows.map(this.options.toValues),
        clickhouse_settings: {
          insert_deduplicate: 1,
          insert_deduplication_token: dedupToken,
          // A replayed batch must be dropped in the materialized-view rollups as well, not only here.
          deduplicate_blocks_in_dependent_materialized_views: 1,
          // Wait for the part to be written: "confirmed" must mean durable before we commit offsets.
          async_insert: 0,
        },
      });
    } catch (err) {
      throw new ClickHouseInsertError(this.options.table, rows.length, dedupToken, err);
    }
    return { rows: rows.length, durationMs: performance.now() - started };
  }
}
