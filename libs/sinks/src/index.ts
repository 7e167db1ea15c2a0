export { ClickHouseInsertError } from './lib/clickhouse-insert-error';
export { ClickHouseTableWriter, type InsertOutcome, type TableWriterOptions } from './lib/clickhouse-table-writer';
