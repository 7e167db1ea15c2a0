import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { migrationChecksum } from './migration-checksum';
import { InvalidMigrationFileError } from './schema-bootstrap-errors';
import { splitSqlStatements } from './sql-statements';

export interface MigrationFile {
  /** The NNNN prefix as a number; migrations apply in ascending version order. */
  readonly version: number;
  /** The part after NNNN_, without .sql. */
  readonly name: string;
  readonly fileName: string;
  readonly checksum: string;
  readonly statements: readonly string[];
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;

/**
 * Picks the migration files out of a folder listing, ordered by version. Other files (README.md) are
 * ignored; a .sql file that does not follow NNNN_name.sql, or two files with one version, are errors
 * because silently skipping or reordering a migration is worse than failing.
 */
export function orderMigrationFileNames(fileNames: readonly string[]): { version: number; name: string; fileName: string }[] {
  const parsed = fileNames
    .filter((f) => f.endsWith('.sql'))
    .map((fileName) => {
      const m = MIGRATION_FILE.exec(fileName);
      if (!m) throw new InvalidMigrationFileError(fileName, 'expected NNNN_snake_case_name.sql');
      return { version: Number(m[1]), name: m[2] as string, fileName };
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < parsed.length; i++) {
    const prev = parsed[i - 1];
    const cur = parsed[i];
    if (prev && cur && prev.version === cur.version) {
      throw new InvalidMigrationFileError(cur.fileName, `version ${cur.version} is also used by ${prev.fileName}`);
    }
  }
  return parsed;
}

/** Reads, checksums and splits every migration in `dir`, in version order. */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const ordered = orderMigrationFileNames(await readdir(dir));
  return Promise.all(
    ordered.map(async (f) => {
      const sql = await readFile(path.join(dir, f.fileName), 'utf8');
      const statements = splitSqlStatements(sql);
      if (statements.length === 0) throw new InvalidMigrationFileError(f.fileName, 'holds no statement');
      return { ...f, checksum: migrationChecksum(sql), statements };
    }),
  );
}
