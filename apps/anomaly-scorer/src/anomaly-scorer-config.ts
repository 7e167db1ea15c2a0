import { enumSetting, hostPortListSetting, integerSetting, numberSetting, secretSetting, stringSetting, urlSetting, type ConfigOf } from '@clickstream/config';
import { checkKafkaSecurity, kafkaSecuritySettings } from '@clickstream/kafka';

/** Every scorer setting: env var, flag, default. The README's table is `--help`'s output. */
export const anomalyScorerSettings = {
  brokers: hostPortListSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', default: ['127.0.0.1:9092'], description: "Kafka bootstrap brokers (only to list the topic's partitions), comma-separated" }),
  topic: stringSetting({ env: 'CLICKS_TOPIC', flag: 'topic', default: 'web.clicks', description: 'Topic whose window totals are scored (source_topic in ClickHouse)' }),
  clickhouseUrl: urlSetting({ env: 'CLICKHOUSE_URL', flag: 'clickhouse-url', default: 'http://127.0.0.1:8123', description: 'ClickHouse HTTP endpoint' }),
  clickhouseDatabase: stringSetting({ env: 'CLICKHOUSE_DATABASE', flag: 'clickhouse-database', default: 'rt', description: 'ClickHouse database holding the rt tables' }),
  clickhouseUser: stringSetting({ env: 'CLICKHOUSE_USER', flag: 'clickhouse-user', default: 'default', description: 'ClickHouse user' }),
  clickhousePassword: secretSetting({ env: 'CLICKHOUSE_PASSWORD', flag: 'clickhouse-password-file', description: 'ClickHouse password' }),
  clickhouseCaFile: stringSetting({ env: 'CLICKHOUSE_CA_FILE', flag: 'clickhouse-ca-file', default: '-', description: "PEM CA bundle for an https:// ClickHouse ('-' = the system's CAs)" }),
  ...kafkaSecuritySettings(),
  allowedLatenessMs: integerSetting({ env: 'ALLOWED_LATENESS_MS', flag: 'allowed-lateness-ms', default: 0, min: 0, max: 86_400_000, description: "The aggregator's allowed lateness (ms): a window is final once every partition's watermark passed its end plus this" }),
  pollIntervalMs: integerSetting({ env: 'ANOMALY_POLL_INTERVAL_MS', flag: 'poll-interval-ms', default: 2_000, min: 100, max: 600_000, description: 'How often to look for newly final windows (ms)' }),
  backfillWindows: integerSetting({ env: 'ANOMALY_BACKFILL_WINDOWS', flag: 'backfill-windows', default: 60, min: 0, max: 100_000, description: 'On the very first start, also score this many final windows from before' }),
  historyLength: integerSetting({ env: 'ANOMALY_HISTORY', flag: 'anomaly-history', default: 30, min: 1, max: 10_000, description: "Previous windows per key forming the baseline (median and MAD)" }),
  minHistory: integerSetting({ env: 'ANOMALY_MIN_HISTORY', flag: 'anomaly-min-history', default: 3, min: 1, max: 10_000, description: 'Warm-up: windows of history needed before a verdict' }),
  threshold: numberSetting({ env: 'ANOMALY_THRESHOLD', flag: 'anomaly-threshold', default: 4.5, min: 0.1, max: 100, description: 'Robust z on the square-root scale at or beyond which a window is an anomaly' }),
  minVolume: numberSetting({ env: 'ANOMALY_MIN_VOLUME', flag: 'anomaly-min-volume', default: 20, min: 0, max: 1e12, description: 'A spike needs this many clicks in the window, a drop a baseline of this many' }),
  minRatio: numberSetting({ env: 'ANOMALY_MIN_RATIO', flag: 'anomaly-min-ratio', default: 1.5, min: 1, max: 1_000, description: 'A spike needs count >= ratio x baseline, a drop count <= baseline / ratio' }),
  direction: enumSetting({ env: 'ANOMALY_DIRECTION', flag: 'anomaly-direction', default: 'both', choices: ['both', 'spike', 'drop'] as const, description: 'Which anomalies to flag' }),
  shutdownTimeoutMs: integerSetting({ env: 'SHUTDOWN_TIMEOUT_MS', flag: 'shutdown-timeout-ms', default: 30_000, min: 1_000, description: 'Bound on the graceful stop (ms)' }),
  metricsPort: integerSetting({ env: 'ANOMALY_SCORER_METRICS_PORT', flag: 'metrics-port', default: 9467, min: 0, max: 65_535, description: 'Port of /metrics, /healthz, /readyz (0 = any free port)' }),
  metricsHost: stringSetting({ env: 'METRICS_HOST', flag: 'metrics-host', default: '127.0.0.1', description: 'Interface of /metrics, /healthz, /readyz: loopback by default; 0.0.0.0 in a container (the image sets it)' }),
  logLevel: enumSetting({ env: 'LOG_LEVEL', flag: 'log-level', default: 'info', choices: ['debug', 'info', 'warn', 'error'] as const, description: 'Log level' }),
};

export type AnomalyScorerAppConfig = ConfigOf<typeof anomalyScorerSettings>;

export function checkAnomalyScorerConfig(c: AnomalyScorerAppConfig): string[] {
  const problems: string[] = [...checkKafkaSecurity(c)];
  if (c.minHistory > c.historyLength) {
    problems.push(`--anomaly-min-history (${c.minHistory}) must not exceed --anomaly-history (${c.historyLength})`);
  }
  return problems;
}
