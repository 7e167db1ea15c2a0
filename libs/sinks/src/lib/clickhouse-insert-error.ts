/** An insert ClickHouse did not confirm; retrying with the same token is safe (it deduplicates). */
export class ClickHouseInsertError extends Error {
  override readonly name = 'ClickHouseInsertError';
  constructor(
    readonly table: string,
    readonly rows: number,
    readonly dedupToken: string,
    override readonly cause: unknown,
  ) {
    super(`insert of ${rows} rows into ${table} (token ${dedupToken}) failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
