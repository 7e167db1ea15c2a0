import {
  enumSetting,
  integerSetting,
  listSetting,
  numberSetting,
  stringSetting,
  urlSetting,
  type ConfigOf,
} from '@clickstream/config';

/** Every aggregator setting: env var, flag, default. The README's table is `--help`'s output. */
export const aggregatorSettings = {
  brokers: listSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', default: ['127.0.0.1:9092'], description: 'Kafka bootstrap brokers, comma-separated' }),
  topic: stringSetting({ env: 'CLICKS_TOPIC', flag: 'topic', default: 'web.clicks', description: 'Topic of click events' }),
  deadLetterTopic: stringSetting({ env: 'DEAD_LETTER_TOPIC', flag: 'dead-letter-topic', default: 'web.clicks.dlq', description: 'Where undecodable or invalid events go, with the reason' }),
  groupId: stringSetting({ env: 'AGGREGATOR_GROUP_ID', flag: 'group-id', default: 'clickstream-aggregator', description: 'Kafka consumer group (also the checkpoint namespace)' }),
  clickhouseUrl: urlSetting({ env: 'CLICKHOUSE_URL', flag: 'clickhouse-url', default: 'http://127.0.0.1:8123', description: 'ClickHouse HTTP endpoint' }),
  clickhouseDatabase: stringSetting({ env: 'CLICKHOUSE_DATABASE', flag: 'clickhouse-database', default: 'rt', description: 'ClickHouse database holding the rt tables' }),
  clickhouseUser: stringSetting({ env: 'CLICKHOUSE_USER', flag: 'clickhouse-user', default: 'default', description: 'ClickHouse user' }),
  clickhousePassword: stringSetting({ env: 'CLICKHOUSE_PASSWORD', flag: 'clickhouse-password', default: '-', description: "ClickHouse password ('-' = none)" }),
  redisUrl: urlSetting({ env: 'REDIS_URL', flag: 'redis-url', default: 'redis://127.0.0.1:6379', description: 'Redis holding the checkpoints' }),
  windowSizeMs: integerSetting({ env: 'WINDOW_SIZE_MS', flag: 'window-size-ms', default: 60_000, min: 1_000, max: 86_400_000, description: 'Tumbling window length (ms)' }),
  outOfOrdernessMs: integerSetting({ env: 'WATERMARK_OUT_OF_ORDERNESS_MS', flag: 'out-of-orderness-ms', default: 10_000, min: 0, max: 3_600_000, description: 'Watermark bound: how far out of order events may arrive (ms)' }),
  allowedLatenessMs: integerSetting({ env: 'ALLOWED_LATENESS_MS', flag: 'allowed-lateness-ms', default: 0, min: 0, max: 86_400_000, description: 'Late events within this update their fired window as a new pane (ms)' }),
  checkpointIntervalMs: integerSetting({ env: 'CHECKPOINT_INTERVAL_MS', flag: 'checkpoint-interval-ms', default: 30_000, min: 100, max: 3_600_000, description: 'Max time between checkpoints of a partition (ms)' }),
  maxBufferedRows: integerSetting({ env: 'MAX_BUFFERED_ROWS', flag: 'max-buffered-rows', default: 50_000, min: 1, description: 'Flush a partition early once this many output rows wait' }),
  anomalyThreshold: numberSetting({ env: 'ANOMALY_Z_THRESHOLD', flag: 'anomaly-threshold', default: 3, min: 0.1, max: 100, description: 'z-score at or above which a window is an anomaly' }),
  anomalyHistory: integerSetting({ env: 'ANOMALY_HISTORY', flag: 'anomaly-history', default: 30, min: 2, max: 10_000, description: 'Trailing windows per key the z-score looks at' }),
  anomalyMinHistory: integerSetting({ env: 'ANOMALY_MIN_HISTORY', flag: 'anomaly-min-history', default: 5, min: 1, max: 10_000, description: 'Windows of history needed before a verdict' }),
  sessionTimeoutMs: integerSetting({ env: 'KAFKA_SESSION_TIMEOUT_MS', flag: 'session-timeout-ms', default: 30_000, min: 6_000, max: 300_000, description: 'Consumer group session timeout (ms)' }),
  shutdownTimeoutMs: integerSetting({ env: 'SHUTDOWN_TIMEOUT_MS', flag: 'shutdown-timeout-ms', default: 30_000, min: 1_000, description: 'Bound on the graceful stop (ms)' }),
  metricsPort: integerSetting({ env: 'AGGREGATOR_METRICS_PORT', flag: 'metrics-port', default: 9465, min: 0, max: 65_535, description: 'Port of /metrics, /healthz, /readyz (0 = any free port)' }),
  metricsHost: stringSetting({ env: 'METRICS_HOST', flag: 'metrics-host', default: '0.0.0.0', description: 'Interface the metrics server listens on' }),
  logLevel: enumSetting({ env: 'LOG_LEVEL', flag: 'log-level', default: 'info', choices: ['debug', 'info', 'warn', 'error'] as const, description: 'Log level' }),
};

export type AggregatorConfig = ConfigOf<typeof aggregatorSettings>;

export function checkAggregatorConfig(c: AggregatorConfig): string[] {
  const problems: string[] = [];
  if (c.anomalyMinHistory > c.anomalyHistory) {
    problems.push(`--anomaly-min-history (${c.anomalyMinHistory}) must not exceed --anomaly-history (${c.anomalyHistory})`);
  }
  if (c.outOfOrdernessMs >= c.windowSizeMs * 60) {
    problems.push(`--out-of-orderness-ms (${c.outOfOrdernessMs}) is implausibly large for --window-size-ms (${c.windowSizeMs})`);
  }
  return problems;
}
