export { ClickHouseInsertError } from './lib/clickhouse-insert-error';
export { ClickHouseTableWriter, type InsertOutcome, type RefusedRow, type TableWriterOptions } from './lib/clickhouse-table-writer';
export { isRowRefusal } from './lib/row-refusal';
export { ClickHouseEncodedRowsWriter, type EncodedInsertOutcome, type EncodedRows, type EncodedRowsWriterOptions } from './lib/clickhouse-encoded-rows-writer';
export { EncodedRowsBlock } from './lib/encoded-rows-block';
export { writeJsonInteger } from './lib/json-integer';
