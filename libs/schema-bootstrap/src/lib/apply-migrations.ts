import type { ClickHouseClient } from '@clickhouse/client';
import { readMigrationFiles, type MigrationFile } from './migration-files';
import { MigrationChecksumMismatchError, MigrationFailedError, SchemaBootstrapError } from './schema-bootstrap-errors';

/** The part of @clickhouse/client the runner uses (a narrow type keeps fakes in unit tests small). */
export type MigrationClient = Pick<ClickHouseClient, 'command' | 'query' | 'insert'>;

export interface ApplyMigrationsOptions {
  client: MigrationClient;
  /** Target database; created when missing. Migrations use unqualified table names and run inside it. */
  database: string;
  /** Folder of NNNN_name.sql files (see findMigrationsDir). */
  migrationsDir: string;
  log?: (message: string) => void;
}

export interface MigrationSummary {
  version: number;
  name: string;
}

export interface ApplyMigrationsResult {
  database: string;
  applied: MigrationSummary[];
  alreadyApplied: MigrationSummary[];
}

export const MIGRATIONS_TABLE = 'schema_migrations';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Applies the migrations of `migrationsDir` that `database` has not seen yet, in version order, and
 * records each in `<database>.schema_migrations` with its checksum once all its statements succeeded.
 *
 * Every statement runs with the X-ClickHouse-Database header set to `database`, whatever database the
 * client was created with, which is what lets tests apply the full schema into a throwaway database.
 * ClickHouse has no transactional DDL: a migration that fails half-way is retried from its first
 * statement on the next run, so migrations are written idempotently (IF NOT EXISTS).
 * Checksums of all applied migrations are verified before anything runs.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const { client, database, migrationsDir } = options;
  const log = options.log ?? (() => undefined);
  if (!IDENTIFIER.test(database)) {
    throw new SchemaBootstrapError(`database name "${database}" must match ${IDENTIFIER}`);
  }
  const migrations = await readMigrationFiles(migrationsDir);

  // `system` always exists: the client's own database may be the one we are about to create.
  await client.command({
    query: `CREATE DATABASE IF NOT EXISTS \`${database}\``,
    http_headers: { 'X-ClickHouse-Database': 'system' },
  });
  const inDatabase = { 'X-ClickHouse-Database': database };
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE}
      (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = ReplacingMergeTree ORDER BY version`,
    http_headers: inDatabase,
  });

  const recorded = await readAppliedChecksums(client, database);
  const pending: MigrationFile[] = [];
  const alreadyApplied: MigrationSummary[] = [];
  for (const m of migrations) {
    const appliedChecksum = recorded.get(m.version);
    if (appliedChecksum === undefined) {
      pending.push(m);
    } else if (appliedChecksum !== m.checksum) {
      throw new MigrationChecksumMismatchError(database, m.version, m.fileName, appliedChecksum, m.checksum);
    } else {
      alreadyApplied.push({ version: m.version, name: m.name });
    }
  }

  const applied: MigrationSummary[] = [];
  for (const m of pending) {
    const started = Date.now();
    for (const [index, statement] of m.statements.entries()) {
      try {
        await client.command({ query: statement, http_headers: inDatabase });
      } catch (error) {
        throw new MigrationFailedError(database, m.fileName, index, statement, error);
      }
    }
    await client.insert({
      table: MIGRATIONS_TABLE,
      values: [{ version: m.version, name: m.name, checksum: m.checksum }],
      format: 'JSONEachRow',
      http_headers: inDatabase,
    });
    applied.push({ version: m.version, name: m.name });
    log(`applied ${m.fileName} to ${database} (${m.statements.length} statements, ${Date.now() - started} ms)`);
  }
  if (applied.length === 0) log(`${database}: schema up to date (${alreadyApplied.length} migrations applied)`);
  return { database, applied, alreadyApplied };
}

async function readAppliedChecksums(client: MigrationClient, database: string): Promise<Map<number, string>> {
  const result = await client.query({
    query: `SELECT version, checksum FROM ${MIGRATIONS_TABLE} FINAL ORDER BY version`,
    format: 'JSONEachRow',
    http_headers: { 'X-ClickHouse-Database': database },
  });
  const rows = await result.json<{ version: number; checksum: string }>();
  return new Map(rows.map((r) => [Number(r.version), r.checksum]));
}
