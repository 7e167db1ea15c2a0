import type { ClickHouseClient } from '@clickhouse/client';
import type { Redis } from 'ioredis';
import { OperationError } from '../operations-error';
import { checkBackupName, quoteIdentifier } from './backup-name';
import { withWritesQuiesced } from './write-quiescence';

export interface BackupTarget {
  readonly clickhouse: ClickHouseClient;
  /** The checkpoint Redis of the apps: its write pause makes the backup consistent. */
  readonly redis: Redis;
  readonly database: string;
  /** The ClickHouse disk BACKUP writes to (`backups` in the local stack and the server image). */
  readonly disk: string;
}

export interface BackupReport {
  readonly name: string;
  readonly tables: readonly string[];
  readonly rows: number;
  readonly bytes: number;
  readonly files: number;
  readonly pausedMs: number;
  readonly totalMs: number;
}

/** The tables whose consistency the backup is about: without the ledger a restore cannot resume. */
const REQUIRED_TABLES = ['stream_ledger', 'stream_snapshots'];

/**
 * ClickHouse's own `BACKUP DATABASE` of the outputs, the ledger and the snapshots, taken while the
 * apps' flushes are held at a flush boundary (withWritesQuiesced): every range the ledger lists is
 * then either fully in the backup or not started, which is what the restore's seal relies on.
 */
export async function backupDatabase(target: BackupTarget, rawName: string, maxPauseMs = 30_000): Promise<BackupReport> {
  const name = checkBackupName(rawName);
  const started = Date.now();
  const tables = await tablesOf(target.clickhouse, target.database);
  const missing = REQUIRED_TABLES.filter((t) => !tables.some((x) => x.name === t));
  if (missing.length > 0) {
    throw new OperationError(`database ${target.database} has no ${missing.join(', ')}: is it the Clickstream database, with its migrations applied (npm run stack:up)?`);
  }
  const { result: id, pausedMs } = await withWritesQuiesced(target.redis, target.clickhouse, target.database, { maxPauseMs, quietMs: 300 }, async () => {
    const result = await target.clickhouse.query({
      query: `BACKUP DATABASE ${quoteIdentifier(target.database)} TO Disk({disk:String}, {name:String})`,
      query_params: { disk: target.disk, name },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ id: string; status: string }>();
    if (row?.status !== 'BACKUP_CREATED') throw new OperationError(`BACKUP ended with status ${row?.status ?? 'unknown'}`);
    return row.id;
  }).catch((err: unknown) => {
    throw explainBackupError(err, target.disk, name);
  });
  const stats = await backupStats(target.clickhouse, id);
  return {
    name,
    tables: tables.map((t) => t.name),
    rows: tables.reduce((sum, t) => sum + Number(t.total_rows ?? 0), 0),
    bytes: stats.total_size,
    files: stats.num_files,
    pausedMs,
    totalMs: Date.now() - started,
  };
}

export async function tablesOf(clickhouse: ClickHouseClient, database: string): Promise<{ name: string; total_rows: string | null }[]> {
  const result = await clickhouse.query({
    query: 'SELECT name, total_rows FROM system.tables WHERE database = {db:String} ORDER BY name',
    query_params: { db: database },
    format: 'JSONEachRow',
  });
  return result.json();
}

export async function backupStats(clickhouse: ClickHouseClient, id: string): Promise<{ total_size: number; num_files: number }> {
  const result = await clickhouse.query({
    query: 'SELECT total_size, num_files FROM system.backups WHERE id = {id:String}',
    query_params: { id },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ total_size: string; num_files: string }>();
  return { total_size: Number(row?.total_size ?? 0), num_files: Number(row?.num_files ?? 0) };
}

/** The ClickHouse errors an operator meets first, with what to change. */
export function explainBackupError(err: unknown, disk: string, name: string): Error {
  const message = (err as Error)?.message ?? String(err);
  if (/BACKUP_ALREADY_EXISTS|already exists/i.test(message)) return new OperationError(`a backup named '${name}' already exists on disk '${disk}': choose another name`);
  if (/Disk .* not found|UNKNOWN_DISK|not allowed/i.test(message)) {
    return new OperationError(
      `ClickHouse has no backups disk '${disk}' it may write to (${message.split('\n')[0]}): configure one (infra/clickhouse-server/config.d/backups.xml; the local stack has it) or set --disk`,
    );
  }
  if (/BACKUP_NOT_FOUND|not found|doesn't exist/i.test(message)) return new OperationError(`no backup named '${name}' on disk '${disk}' (${message.split('\n')[0]})`);
  return err instanceof Error ? err : new Error(message);
}
