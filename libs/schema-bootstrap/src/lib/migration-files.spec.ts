import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orderMigrationFileNames, readMigrationFiles } from './migration-files';
import { findMigrationsDir } from './migrations-dir';
import { InvalidMigrationFileError } from './schema-bootstrap-errors';

describe('orderMigrationFileNames', () => {
  it('orders by numeric version and ignores non-SQL files', () => {
    const ordered = orderMigrationFileNames(['0010_later.sql', 'README.md', '0002_second.sql', '0001_first.sql']);
    expect(ordered.map((f) => f.fileName)).toEqual(['0001_first.sql', '0002_second.sql', '0010_later.sql']);
    expect(ordered[0]).toEqual({ version: 1, name: 'first', fileName: '0001_first.sql' });
  });

  it('rejects a .sql file that does not follow NNNN_name.sql', () => {
    expect(() => orderMigrationFileNames(['1_short.sql'])).toThrow(InvalidMigrationFileError);
    expect(() => orderMigrationFileNames(['0001-dash.sql'])).toThrow(InvalidMigrationFileError);
    expect(() => orderMigrationFileNames(['0001_Upper.sql'])).toThrow(InvalidMigrationFileError);
  });

  it('rejects two files with the same version', () => {
    expect(() => orderMigrationFileNames(['0001_a.sql', '0001_b.sql'])).toThrow(/also used by 0001_a\.sql/);
  });
});

describe('readMigrationFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads, splits and checksums each file in order', async () => {
    writeFileSync(path.join(dir, '0002_b.sql'), 'SELECT 2;\nSELECT 3;\n');
    writeFileSync(path.join(dir, '0001_a.sql'), '-- first\nSELECT 1;\n');
    const files = await readMigrationFiles(dir);
    expect(files.map((f) => [f.version, f.name, f.statements.length])).toEqual([
      [1, 'a', 1],
      [2, 'b', 2],
    ]);
    expect(files[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a migration without statements', async () => {
    writeFileSync(path.join(dir, '0001_empty.sql'), '-- nothing yet\n');
    await expect(readMigrationFiles(dir)).rejects.toThrow(/holds no statement/);
  });

  it('parses the repository migrations', async () => {
    const files = await readMigrationFiles(findMigrationsDir(__dirname));
    expect(files[0]).toMatchObject({ version: 1, name: 'clicks_raw' });
    for (const f of files) {
      for (const statement of f.statements) {
        // Migrations must stay database-agnostic so tests can apply them into a throwaway database.
        expect(statement).not.toMatch(/\brt\./);
      }
    }
  });
});

describe('findMigrationsDir', () => {
  it('walks up to infra/clickhouse', () => {
    expect(findMigrationsDir(__dirname)).toMatch(/infra[\\/]clickhouse$/);
  });

  it('prefers CLICKSTREAM_MIGRATIONS_DIR', () => {
    expect(findMigrationsDir(__dirname, { CLICKSTREAM_MIGRATIONS_DIR: '/opt/migrations' })).toBe('/opt/migrations');
  });
});
