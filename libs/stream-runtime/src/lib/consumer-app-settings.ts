import { redisSecuritySettings } from '@clickstream/checkpoint';
import { enumSetting, hostPortListSetting, integerSetting, listSetting, secretSetting, settingLabel, stringSetting, urlSetting } from '@clickstream/config';
import { kafkaSecuritySettings } from '@clickstream/kafka';
import { DEFAULT_FETCH_MAX_BYTES, DEFAULT_FETCH_MAX_BYTES_PER_PARTITION } from './checkpointed-partition-consumer';

/** Client clocks drift by seconds to minutes; an hour let one event hold a partition's windows hostage. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** A day under the 90-day TTL of clicks_raw and late_events, so consumer lag cannot make an accepted event expire at insert. */
export const DEFAULT_MAX_EVENT_AGE_DAYS = 89;

export interface ConsumerAppDefaults {
  readonly app: string;
  readonly groupId: string;
  readonly metricsPort: number;
  readonly checkpointIntervalMs: number;
}

/**
 * The settings every checkpointed consumer app shares (Kafka, ClickHouse, Redis, checkpoints,
 * shutdown, metrics, logs), with per-app defaults. Apps spread it into their own spec.
 */
export function consumerAppSettings(d: ConsumerAppDefaults) {
  const envPrefix = d.app.toUpperCase().replace(/-/g, '_');
  return {
    brokers: hostPortListSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', default: ['127.0.0.1:9092'], description: 'Kafka bootstrap brokers, comma-separated' }),
    topic: stringSetting({ env: 'CLICKS_TOPIC', flag: 'topic', default: 'web.clicks', description: 'Topic of click events' }),
    deadLetterTopic: stringSetting({ env: 'DEAD_LETTER_TOPIC', flag: 'dead-letter-topic', default: 'web.clicks.dlq', description: 'Where undecodable or invalid events go, with the reason' }),
    groupId: stringSetting({ env: `${envPrefix}_GROUP_ID`, flag: 'group-id', default: d.groupId, description: 'Kafka consumer group (also the checkpoint namespace)' }),
    clickhouseUrl: urlSetting({ env: 'CLICKHOUSE_URL', flag: 'clickhouse-url', default: 'http://127.0.0.1:8123', description: 'ClickHouse HTTP endpoint' }),
    clickhouseDatabase: stringSetting({ env: 'CLICKHOUSE_DATABASE', flag: 'clickhouse-database', default: 'rt', description: 'ClickHouse database holding the rt tables' }),
    clickhouseUser: stringSetting({ env: 'CLICKHOUSE_USER', flag: 'clickhouse-user', default: 'default', description: 'ClickHouse user' }),
    clickhousePassword: secretSetting({ env: 'CLICKHOUSE_PASSWORD', flag: 'clickhouse-password-file', description: 'ClickHouse password' }),
    clickhouseCaFile: stringSetting({ env: 'CLICKHOUSE_CA_FILE', flag: 'clickhouse-ca-file', default: '-', description: "PEM CA bundle for an https:// ClickHouse ('-' = the system's CAs)" }),
    redisUrl: urlSetting({ env: 'REDIS_URL', flag: 'redis-url', default: 'redis://127.0.0.1:6379', description: 'Redis holding the checkpoints (redis:// or rediss:// for TLS)' }),
    ...redisSecuritySettings(),
    ...kafkaSecuritySettings(),
    checkpointIntervalMs: integerSetting({ env: 'CHECKPOINT_INTERVAL_MS', flag: 'checkpoint-interval-ms', default: d.checkpointIntervalMs, min: 100, max: 3_600_000, description: 'Max time between checkpoints of a partition (ms)' }),
    durableSnapshotIntervalMs: integerSetting({ env: 'DURABLE_SNAPSHOT_INTERVAL_MS', flag: 'durable-snapshot-interval-ms', default: 60_000, min: 0, max: 86_400_000, description: 'Min time between durable state snapshots of a partition (rt.stream_snapshots, read only if Redis loses its data; ms, 0 = every flush)' }),
    sessionTimeoutMs: integerSetting({ env: 'KAFKA_SESSION_TIMEOUT_MS', flag: 'session-timeout-ms', default: 10_000, min: 2_000, max: 300_000, description: 'Consumer group session timeout (ms); a crashed member holds its partitions this long (brokers refuse values below their group.min.session.timeout.ms, 6000 by default)' }),
    // 4 MiB per partition held ~570 MB RSS in a catch-up for no CPU gain: kafkajs keeps fetched
    // batches as JS message objects, several times their wire size (docs/benchmarks.md).
    fetchMaxBytes: integerSetting({ env: 'KAFKA_FETCH_MAX_BYTES', flag: 'fetch-max-bytes', default: DEFAULT_FETCH_MAX_BYTES, min: 64 * 1024, max: 256 * 1024 * 1024, description: 'Max bytes of one fetch response over all partitions (memory vs. round trips)' }),
    fetchMaxBytesPerPartition: integerSetting({ env: 'KAFKA_FETCH_MAX_BYTES_PER_PARTITION', flag: 'fetch-max-bytes-per-partition', default: DEFAULT_FETCH_MAX_BYTES_PER_PARTITION, min: 16 * 1024, max: 64 * 1024 * 1024, description: 'Max bytes fetched per partition per request' }),
    // Both apps read these: the same record gets the same verdict in clicks_raw and page_minute.
    maxFutureSkewMs: integerSetting({ env: 'MAX_FUTURE_SKEW_MS', flag: 'max-future-skew-ms', default: DEFAULT_MAX_FUTURE_SKEW_MS, min: 0, max: 86_400_000, description: "How far an event's ts may be ahead of its Kafka record timestamp (broker time with LogAppendTime) before it is dead-lettered as ts_in_future (ms)" }),
    maxEventAgeDays: integerSetting({ env: 'MAX_EVENT_AGE_DAYS', flag: 'max-event-age-days', default: DEFAULT_MAX_EVENT_AGE_DAYS, min: 1, max: 36_500, description: "Events older than this (vs their Kafka record timestamp) are dead-lettered as beyond_retention; keep it below the tables' TTL (clicks_raw, late_events: 90 days)" }),
    skipBatches: listSetting({ env: 'KAFKA_SKIP_BATCHES', flag: 'skip-batches', default: [], itemPattern: /^.+:\d+:\d+$/, itemHint: 'topic:partition:offset entries', description: "Undecodable record batches to pass, as the app's stop line names them (topic:partition:offset): their records are dead-lettered as empty" }),
    shutdownTimeoutMs: integerSetting({ env: 'SHUTDOWN_TIMEOUT_MS', flag: 'shutdown-timeout-ms', default: 30_000, min: 1_000, description: 'Bound on the graceful stop (ms)' }),
    metricsPort: integerSetting({ env: `${envPrefix}_METRICS_PORT`, flag: 'metrics-port', default: d.metricsPort, min: 0, max: 65_535, description: 'Port of /metrics, /healthz, /readyz (0 = any free port)' }),
    metricsHost: stringSetting({ env: 'METRICS_HOST', flag: 'metrics-host', default: '127.0.0.1', description: 'Interface of /metrics, /healthz, /readyz: loopback by default; 0.0.0.0 in a container (the images set it)' }),
    logLevel: enumSetting({ env: 'LOG_LEVEL', flag: 'log-level', default: 'info', choices: ['debug', 'info', 'warn', 'error'] as const, description: 'Log level' }),
  };
}

/** How start-up errors name the settings that point an app at each dependency. */
export function dependencySettingLabels(app: string) {
  const spec = consumerAppSettings({ app, groupId: '-', metricsPort: 0, checkpointIntervalMs: 0 });
  return {
    brokers: settingLabel(spec.brokers),
    clickhouseUrl: settingLabel(spec.clickhouseUrl),
    redisUrl: settingLabel(spec.redisUrl),
    metricsPort: settingLabel(spec.metricsPort),
  };
}
