import { redisSecuritySettings } from '@clickstream/checkpoint';
import { booleanSetting, hostPortListSetting, integerSetting, listSetting, secretSetting, stringSetting, urlSetting } from '@clickstream/config';
import { kafkaSecuritySettings } from '@clickstream/kafka';

/** Where the backup and restore commands find ClickHouse and the checkpoint Redis (same env as the apps). */
export const backupSettings = {
  clickhouseUrl: urlSetting({ env: 'CLICKHOUSE_URL', flag: 'clickhouse-url', default: 'http://127.0.0.1:8123', description: 'ClickHouse HTTP endpoint' }),
  clickhouseDatabase: stringSetting({ env: 'CLICKHOUSE_DATABASE', flag: 'clickhouse-database', default: 'rt', description: 'Database to back up or restore' }),
  clickhouseUser: stringSetting({ env: 'CLICKHOUSE_USER', flag: 'clickhouse-user', default: 'default', description: 'ClickHouse user (needs BACKUP, or CREATE/DROP/INSERT to restore)' }),
  clickhousePassword: secretSetting({ env: 'CLICKHOUSE_PASSWORD', flag: 'clickhouse-password-file', description: 'ClickHouse password' }),
  redisUrl: urlSetting({ env: 'REDIS_URL', flag: 'redis-url', default: 'redis://127.0.0.1:6379', description: "The apps' checkpoint Redis (paused for writes during a backup, cleared of the restored groups' checkpoints by a restore)" }),
  ...redisSecuritySettings(),
  ...kafkaSecuritySettings(),
  disk: stringSetting({ env: 'BACKUP_DISK', flag: 'disk', default: 'backups', description: "ClickHouse disk of the backups (local in the stack; S3 in production, docs/operations.md)" }),
  maxPauseMs: integerSetting({ env: 'BACKUP_MAX_PAUSE_MS', flag: 'max-pause-ms', default: 30_000, min: 1_000, max: 600_000, description: "Bound on how long the apps' flushes are held for the backup (Redis resumes by itself after it)" }),
  brokers: hostPortListSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', default: ['127.0.0.1:9092'], description: "Kafka (restore only: the restored groups' committed offsets go back to the earliest)" }),
  topic: stringSetting({ env: 'CLICKS_TOPIC', flag: 'topic', default: 'web.clicks', description: 'Topic of click events (restore only, with --group-ids)' }),
  groupIds: listSetting({ env: 'RESTORE_GROUP_IDS', flag: 'group-ids', default: ['clickstream-aggregator', 'clickstream-raw-sink'], description: 'Consumer groups reset to the earliest besides those the restored ledger names (restore only)' }),
  force: booleanSetting({ env: 'RESTORE_FORCE', flag: 'force', default: false, description: 'Restore even though an app committed a checkpoint in the last 30 s' }),
};
