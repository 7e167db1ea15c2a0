import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations, type MigrationClient } from './apply-migrations';
import { migrationChecksum } from './migration-checksum';
import { MigrationChecksumMismatchError, MigrationFailedError } from './schema-bootstrap-errors';

/** Records what the runner sends; `applied` plays the schema_migrations table. */
function fakeClient(applied: { version: number; checksum: string }[] = [], failOn?: string) {
  const commands: { query: string; database: string | undefined }[] = [];
  const inserted: unknown[] = [];
  const client = {
    command: jest.fn(async (p: { query: string; http_headers?: Record<string, string> }) => {
      commands.push({ query: p.query, database: p.http_headers?.['X-ClickHouse-Database'] });
      if (failOn && p.query.includes(failOn)) throw new Error('boom');
      return { query_id: 'q' };
    }),
    query: jest.fn(async () => ({ json: async () => applied })),
    insert: jest.fn(async (p: { values: unknown[] }) => {
      inserted.push(...p.values);
      return { executed: true, query_id: 'q' };
    }),
  };
  return { client: client as unknown as MigrationClient, commands, inserted };
}

describe('applyMigrations (fake client)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;\n');
    writeFileSync(path.join(dir, '0002_b.sql'), 'CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Memory;\nSELECT 1;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the database from `system`, then runs every statement inside the target database', async () => {
    const { client, commands, inserted } = fakeClient();
    const result = await applyMigrations({ client, database: 'db1', migrationsDir: dir });
    expect(commands[0]).toEqual({ query: 'CREATE DATABASE IF NOT EXISTS `db1`', database: 'system' });
    expect(commands.slice(1).every((c) => c.database === 'db1')).toBe(true);
    expect(commands.map((c) => c.query)).toContain('SELECT 1');
    expect(result.applied).toEqual([
      { version: 1, name: 'a' },
      { version: 2, name: 'b' },
    ]);
    expect(inserted).toHaveLength(2);
  });

  it('skips migrations already recorded with the same checksum', async () => {
    const sql = 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;\n';
    const { client, commands } = fakeClient([{ version: 1, checksum: migrationChecksum(sql) }]);
    const result = await applyMigrations({ client, database: 'db1', migrationsDir: dir });
    expect(result.alreadyApplied).toEqual([{ version: 1, name: 'a' }]);
    expect(result.applied).toEqual([{ version: 2, name: 'b' }]);
    expect(commands.some((c) => c.query.includes('CREATE TABLE IF NOT EXISTS a '))).toBe(false);
  });

  it('refuses to run when an applied migration changed', async () => {
    const { client, commands } = fakeClient([{ version: 1, checksum: 'f'.repeat(64) }]);
    const run = applyMigrations({ client, database: 'db1', migrationsDir: dir });
    await expect(run).rejects.toBeInstanceOf(MigrationChecksumMismatchError);
    await expect(run).rejects.toMatchObject({ version: 1, file: '0001_a.sql', database: 'db1' });
    expect(commands.some((c) => c.query.includes('TABLE IF NOT EXISTS b'))).toBe(false);
  });

  it('reports the failing file and statement and records nothing for it', async () => {
    const { client, inserted } = fakeClient([], 'SELECT 1');
    const run = applyMigrations({ client, database: 'db1', migrationsDir: dir });
    await expect(run).rejects.toBeInstanceOf(MigrationFailedError);
    await expect(run).rejects.toMatchObject({ file: '0002_b.sql', statementIndex: 1 });
    expect(inserted).toEqual([expect.objectContaining({ version: 1 })]);
  });

  it('rejects a database name that is not a plain identifier', async () => {
    const { client } = fakeClient();
    await expect(applyMigrations({ client, database: 'bad-name', migrationsDir: dir })).rejects.toThrow(/must match/);
  });
});
