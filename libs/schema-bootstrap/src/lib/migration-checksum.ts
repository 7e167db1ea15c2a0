import { createHash } from 'node:crypto';

/**
 * The checksum recorded for an applied migration: SHA-256 of the file with line endings normalised,
 * so a checkout with CRLF line endings does not look like an edited migration.
 */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}
