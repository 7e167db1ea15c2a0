/**
 * ClickHouse error types that belong to the rows of a block, not to the service: the same rows
 * are refused on every retry, while the rest of the block would land. Splitting the block finds
 * them. Everything else (connection refused, timeout, memory limit, too many parts because merges
 * lag, unknown table) is the service's: retried with backoff, never blamed on a row.
 */
const ROW_ERROR_TYPES = new Set([
  'CANNOT_PARSE_TEXT',
  'CANNOT_PARSE_ESCAPE_SEQUENCE',
  'CANNOT_PARSE_QUOTED_STRING',
  'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
  'CANNOT_PARSE_DATE',
  'CANNOT_PARSE_DATETIME',
  'CANNOT_PARSE_NUMBER',
  'CANNOT_PARSE_UUID',
  'CANNOT_PARSE_BOOL',
  'CANNOT_PARSE_IPV4',
  'CANNOT_PARSE_IPV6',
  'CANNOT_READ_ARRAY_FROM_TEXT',
  'CANNOT_CONVERT_TYPE',
  'TYPE_MISMATCH',
  'INCORRECT_DATA',
  'TOO_LARGE_STRING_SIZE',
  'TOO_LARGE_ARRAY_SIZE',
  'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE',
  'ARGUMENT_OUT_OF_BOUND',
  'DECIMAL_OVERFLOW',
  'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN',
  'UNKNOWN_ELEMENT_OF_ENUM',
]);

/** ClickHouse's error for a block whose rows span too many partitions (as opposed to merges lagging). */
const TOO_MANY_PARTITIONS = /too many partitions for single insert block/i;

/** Whether ClickHouse refused the block because of what some of its rows hold. */
export function isRowRefusal(err: unknown): boolean {
  const e = err as { type?: unknown; message?: unknown } | undefined;
  if (typeof e?.type !== 'string') return false;
  if (ROW_ERROR_TYPES.has(e.type)) return true;
  return e.type === 'TOO_MANY_PARTS' && typeof e.message === 'string' && TOO_MANY_PARTITIONS.test(e.message);
}
