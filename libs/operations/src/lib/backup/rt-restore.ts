import type { ClickHouseClient } from '@clickhouse/client';
import type { Redis } from 'ioredis';
import type { Admin } from 'kafkajs';
import { OperationError } from '../operations-error';
import { checkBackupName, quoteIdentifier } from './backup-name';
import { explainBackupError, tablesOf } from './rt-backup';

export interface RestoreTarget {
  /** A client whose default database is NOT the restored one (it is dropped and recreated). */
  readonly clickhouse: ClickHouseClient;
  readonly redis: Redis;
  readonly database: string;
  readonly disk: string;
  /**
   * Kafka, to move the restored groups' committed offsets back to the earliest: a partition with no
   * ledger row in the backup (its first flush came later) then starts over from its first record,
   * not from where the lost run had got to. `groups` adds groups the ledger may not name yet.
   */
  readonly kafka?: { readonly admin: Admin; readonly groups?: readonly { groupId: string; topic: string }[] };
}

export interface RestoreReport {
  readonly name: string;
  readonly tables: number;
  readonly rows: number;
  readonly sealedPartitions: number;
  readonly clearedCheckpoints: number;
  /** `group/topic` whose Kafka offsets went back to the earliest. */
  readonly resetGroups: readonly string[];
  readonly totalMs: number;
}

/** A checkpoint committed this recently means an app is still running against this Redis. */
const RUNNING_APP_WINDOW_MS = 30_000;

/**
 * Puts a backup back and makes the apps resume from it through the ledger recovery
 * (docs/architecture.md): (1) refuse while apps still commit checkpoints; (2) drop the database and
 * RESTORE it; (3) seal the ledger: per partition, an empty range (T, T] at the newest range's end T
 * with a higher epoch, so recovery replays (snapshot, T] silently instead of re-inserting the newest
 * range, whose duplicate-insert tokens ClickHouse does not keep in a backup; (4) delete the apps'
 * Redis checkpoints of the restored namespaces, which are ahead of the restored tables; (5) with
 * `kafka`, move those groups' committed offsets to the earliest (the runtime reads from there when a
 * partition has neither a checkpoint nor a ledger row).
 */
export async function restoreDatabase(target: RestoreTarget, rawName: string, options: { force?: boolean } = {}): Promise<RestoreReport> {
  const name = checkBackupName(rawName);
  const started = Date.now();
  const db = quoteIdentifier(target.database);
  if (!options.force) await refuseWhileAppsRun(target.redis, await currentNamespaces(target.clickhouse, target.database));

  await checkBackupHolds(target, name);
  await target.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${db} SYNC` });
  await target.clickhouse
    .command({ query: `RESTORE DATABASE ${db} FROM Disk({disk:String}, {name:String})`, query_params: { disk: target.disk, name } })
    .catch((err: unknown) => {
      throw explainBackupError(err, target.disk, name);
    });

  const sealed = await sealLedger(target.clickhouse, target.database, name);
  const namespaces = await ledgerNamespaces(target.clickhouse, target.database);
  let cleared = 0;
  for (const ns of namespaces) cleared += await deleteKeys(target.redis, `clickstream:${ns}:checkpoint:*`);
  const resetGroups = target.kafka ? await resetGroupOffsets(target.kafka, await ledgerGroups(target.clickhouse, target.database)) : [];
  const tables = await tablesOf(target.clickhouse, target.database);
  return {
    name,
    resetGroups,
    tables: tables.length,
    rows: tables.reduce((sum, t) => sum + Number(t.total_rows ?? 0), 0),
    sealedPartitions: sealed,
    clearedCheckpoints: cleared,
    totalMs: Date.now() - started,
  };
}

/**
 * Before anything is dropped: the backup exists and holds this database's ledger (its structure is
 * restored into a scratch database, which costs no data copy).
 */
async function checkBackupHolds(target: RestoreTarget, name: string): Promise<void> {
  const scratch = quoteIdentifier(`restore_check_${Date.now()}`);
  await target.clickhouse.command({ query: `CREATE DATABASE ${scratch}` });
  try {
    await target.clickhouse.command({
      query: `RESTORE TABLE ${quoteIdentifier(target.database)}.stream_ledger AS ${scratch}.stream_ledger FROM Disk({disk:String}, {name:String}) SETTINGS structure_only = 1`,
      query_params: { disk: target.disk, name },
    });
  } catch (err) {
    const explained = explainBackupError(err, target.disk, name);
    throw explained instanceof OperationError
      ? explained
      : new OperationError(`backup '${name}' on disk '${target.disk}' has no ${target.database}.stream_ledger (${(err as Error).message.split('\n')[0]}); nothing was changed`);
  } finally {
    await target.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${scratch} SYNC` });
  }
}

async function sealLedger(clickhouse: ClickHouseClient, database: string, name: string): Promise<number> {
  const db = quoteIdentifier(database);
  const before = await count(clickhouse, `SELECT count() AS n FROM ${db}.stream_ledger`);
  await clickhouse.command({
    query: `INSERT INTO ${db}.stream_ledger (namespace, topic, partition, from_offset, to_offset, epoch)
            SELECT namespace, topic, partition, argMax(to_offset, (epoch, to_offset)) AS t, t, max(epoch) + 1
            FROM ${db}.stream_ledger GROUP BY namespace, topic, partition`,
    clickhouse_settings: { insert_deduplication_token: `restore:${name}:${Date.now()}` },
  });
  return (await count(clickhouse, `SELECT count() AS n FROM ${db}.stream_ledger`)) - before;
}

/** Kafka group and topic of each ledger namespace (`<app>:<group id>`). */
async function ledgerGroups(clickhouse: ClickHouseClient, database: string): Promise<{ groupId: string; topic: string }[]> {
  const result = await clickhouse.query({ query: `SELECT DISTINCT namespace, topic FROM ${quoteIdentifier(database)}.stream_ledger`, format: 'JSONEachRow' });
  return (await result.json<{ namespace: string; topic: string }>()).map((r) => ({ groupId: r.namespace.slice(r.namespace.indexOf(':') + 1), topic: r.topic }));
}

async function resetGroupOffsets(kafka: NonNullable<RestoreTarget['kafka']>, fromLedger: { groupId: string; topic: string }[]): Promise<string[]> {
  const all = new Map([...fromLedger, ...(kafka.groups ?? [])].map((g) => [`${g.groupId}/${g.topic}`, g]));
  for (const g of all.values()) await kafka.admin.resetOffsets({ groupId: g.groupId, topic: g.topic, earliest: true });
  return [...all.keys()].sort();
}

async function ledgerNamespaces(clickhouse: ClickHouseClient, database: string): Promise<string[]> {
  const result = await clickhouse.query({ query: `SELECT DISTINCT namespace FROM ${quoteIdentifier(database)}.stream_ledger`, format: 'JSONEachRow' });
  return (await result.json<{ namespace: string }>()).map((r) => r.namespace);
}

async function count(clickhouse: ClickHouseClient, query: string): Promise<number> {
  const [row] = await (await clickhouse.query({ query, format: 'JSONEachRow' })).json<{ n: string }>();
  return Number(row?.n ?? 0);
}

/** The groups whose checkpoints the restore will clear: those of the database as it is now, if it still exists. */
async function currentNamespaces(clickhouse: ClickHouseClient, database: string): Promise<string[] | undefined> {
  const tables = await tablesOf(clickhouse, database);
  return tables.some((t) => t.name === 'stream_ledger') ? ledgerNamespaces(clickhouse, database) : undefined;
}

async function refuseWhileAppsRun(redis: Redis, namespaces: string[] | undefined): Promise<void> {
  const now = Date.now();
  const patterns = namespaces ? namespaces.map((ns) => `clickstream:${ns}:checkpoint:*`) : ['clickstream:*:checkpoint:*'];
  const keys = (await Promise.all(patterns.map((p) => scanKeys(redis, p)))).flat();
  for (const key of keys) {
    const committedAt = Number(await redis.hget(key, 'committedAt'));
    if (Number.isFinite(committedAt) && now - committedAt < RUNNING_APP_WINDOW_MS) {
      throw new OperationError(
        `an app committed a checkpoint ${Math.round((now - committedAt) / 1000)} s ago (${key}): stop the aggregator and the raw sink before restoring (or pass --force)`,
      );
    }
  }
}

export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys.sort();
}

async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  const keys = await scanKeys(redis, pattern);
  if (keys.length > 0) await redis.del(...keys);
  return keys.length;
}
