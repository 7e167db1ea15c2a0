/** An operation (backup, restore, savepoint) refused or failed, with what to do; exit code 1. */
export class OperationError extends Error {
  override readonly name = 'OperationError';
}
