export { ClickHouseInsertError } from './lib/clickhouse-insert-error';
export { ClickHouseTableWriter, type InsertOutcome, type RefusedRow, type TableWriterOptions } from './lib/clickhouse-table-writer';
export { isRowRefusal } from './lib/row-refusal';
