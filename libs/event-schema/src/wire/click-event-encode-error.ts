/** An event could not be encoded: it does not fit the writer schema (wrong type, missing field). */
export class ClickEventEncodeError extends Error {
  override readonly name = 'ClickEventEncodeError';

  constructor(
    readonly schemaVersion: number,
    readonly field: string | undefined,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    const where = field === undefined ? '' : ` (field ${field})`;
    super(`cannot encode click event with schema v${schemaVersion}${where}: ${reason}`, options);
  }
}
