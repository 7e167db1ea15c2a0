/** An insert ClickHouse did not confirm; retrying with the same token is safe (it deduplicates). */
export class ClickHouseInsertError extends Error {
  override readonly name = 'ClickHouseInsertError';
  /** The service failed (down, timeout, overloaded): rows ClickHouse refuses for their content never get here (the writer bisects them out). */
  readonly retriable = true;
  constructor(
    readonly table: string,
    readonly rows: number,
    readonly dedupToken: string,
    override readonly cause: unknown,
  ) {
    super(`insert of ${rows} rows into ${table} (token ${dedupToken}) failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
