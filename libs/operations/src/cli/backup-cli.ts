/**
 * `npm run backup -- NAME [flags]` and `npm run restore -- NAME [flags]` (tools/scripts/backup.sh):
 * ClickHouse BACKUP/RESTORE of the rt database to the `backups` disk, consistent with the apps'
 * checkpoints (libs/operations/src/lib/backup). `--help` lists the flags.
 */
import { createClient } from '@clickhouse/client';
import { readConfigOrExit } from '@clickstream/config';
import { createRedisClient } from '@clickstream/checkpoint';
import { toKafkaSecurity } from '@clickstream/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { backupDatabase } from '../lib/backup/rt-backup';
import { restoreDatabase } from '../lib/backup/rt-restore';
import { runOperation } from './run-operation';
import { backupSettings } from './operations-settings';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'backup' && command !== 'restore') {
  process.stderr.write('usage: backup-cli.ts backup|restore NAME [flags]\n');
  process.exit(2);
}
const name = rest[0]?.startsWith('-') ? undefined : rest[0];
const config = readConfigOrExit(`npm run ${command} -- NAME`, backupSettings, () => (name ? [] : [`the backup NAME is missing: npm run ${command} -- NAME`]), {
  argv: name ? rest.slice(1) : rest,
  env: process.env,
  exit: (code) => process.exit(code),
});

runOperation(command, async () => {
  const clickhouse = createClient({
    url: config.clickhouseUrl,
    username: config.clickhouseUser,
    password: config.clickhousePassword,
    request_timeout: 3_600_000,
    // A long BACKUP keeps the HTTP response alive with progress headers (no idle-socket hang-up).
    clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '10000' },
  });
  const redis = createRedisClient(config.redisUrl, config, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const target = { clickhouse, redis, database: config.clickhouseDatabase, disk: config.disk };
    if (command === 'backup') {
      const r = await backupDatabase(target, name as string, config.maxPauseMs);
      return `backup ${r.name}: ${r.tables.length} tables, ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.files} files on disk '${config.disk}', ${r.totalMs} ms (apps' writes held ${r.pausedMs} ms)`;
    }
    const admin = new Kafka({ clientId: 'clickstream-restore', brokers: [...config.brokers], logLevel: logLevel.ERROR, ...toKafkaSecurity(config) }).admin();
    await admin.connect();
    const groups = config.groupIds.map((groupId) => ({ groupId, topic: config.topic }));
    const r = await restoreDatabase({ ...target, kafka: { admin, groups } }, name as string, { force: config.force }).finally(() => admin.disconnect());
    return (
      `restore ${r.name}: ${r.tables} tables, ${r.rows} rows into ${config.clickhouseDatabase} in ${r.totalMs} ms; ledger sealed for ${r.sealedPartitions} partitions, ` +
      `${r.clearedCheckpoints} Redis checkpoints cleared, offsets of ${r.resetGroups.join(', ')} back to the earliest: start the apps, they resume from the ledger`
    );
  } finally {
    redis.disconnect();
    await clickhouse.close();
  }
});
