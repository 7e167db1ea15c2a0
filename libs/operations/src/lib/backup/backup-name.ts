import { OperationError } from '../operations-error';

/** Backup names become folders on the backups disk: letters, digits, `.`, `_`, `-` only. */
export function checkBackupName(name: string | undefined): string {
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name)) {
    throw new OperationError(`backup name '${name ?? ''}' must be 1-128 letters, digits, '.', '_' or '-' (e.g. rt-2026-11-27)`);
  }
  return name;
}

/** ClickHouse identifier quoting for the database name. */
export const quoteIdentifier = (name: string): string => `\`${name.replace(/`/g, '``')}\``;
