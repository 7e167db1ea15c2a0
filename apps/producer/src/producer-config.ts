import {
  enumSetting,
  integerSetting,
  hostPortListSetting,
  numberSetting,
  stringSetting,
  type ConfigOf,
} from '@clickstream/config';
import { COMPRESSION_NAMES } from '@clickstream/kafka';
import { checkKafkaSecurity, kafkaSecuritySettings } from '@clickstream/kafka';

/** Every producer setting: env var, flag, default. The README's table is `--help`'s output. */
export const producerSettings = {
  brokers: hostPortListSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', default: ['127.0.0.1:9092'], description: 'Kafka bootstrap brokers, comma-separated' }),
  topic: stringSetting({ env: 'CLICKS_TOPIC', flag: 'topic', default: 'web.clicks', description: 'Topic to produce to' }),
  rate: integerSetting({ env: 'PRODUCER_RATE', flag: 'rate', default: 100, min: 1, max: 10_000_000, description: 'Events per second to send' }),
  duration: integerSetting({ env: 'PRODUCER_DURATION', flag: 'duration', default: 0, min: 0, description: 'Seconds to run; 0 = until Ctrl-C' }),
  count: integerSetting({ env: 'PRODUCER_COUNT', flag: 'count', default: 0, min: 0, description: 'Stop after this many events; 0 = no limit (duration decides)' }),
  seed: integerSetting({ env: 'PRODUCER_SEED', flag: 'seed', default: 1, min: 0, max: 2 ** 31 - 1, description: 'Random seed: same seed and profile, same events' }),
  format: enumSetting({ env: 'PRODUCER_FORMAT', flag: 'format', default: 'avro', choices: ['avro', 'json'] as const, description: 'Wire format of each message' }),
  compression: enumSetting({ env: 'PRODUCER_COMPRESSION', flag: 'compression', default: 'none', choices: COMPRESSION_NAMES, description: 'Codec of each produce request (as compression.type); every client of the project reads all of them' }),
  key: enumSetting({ env: 'PRODUCER_KEY', flag: 'key', default: 'user_id', choices: ['user_id', 'event_id', 'none'] as const, description: 'Message key, which decides the partition' }),
  startTime: stringSetting({ env: 'PRODUCER_START_TIME', flag: 'start-time', default: 'now', description: "Event time of the first event: 'now' or an ISO-8601 instant" }),
  eventRate: integerSetting({ env: 'PRODUCER_EVENT_RATE', flag: 'event-rate', default: 0, min: 0, description: 'Events per second of EVENT time; 0 = same as --rate (real time)' }),
  pages: integerSetting({ env: 'PRODUCER_PAGES', flag: 'pages', default: 200, min: 8, max: 1_000_000, description: 'Pages in the site catalog (Zipf popularity)' }),
  zipf: numberSetting({ env: 'PRODUCER_ZIPF', flag: 'zipf', default: 1.1, min: 0, max: 5, description: 'Zipf exponent of page popularity' }),
  users: integerSetting({ env: 'PRODUCER_USERS', flag: 'users', default: 50_000, min: 1, max: 10_000_000, description: 'Size of the user population' }),
  jitterMs: integerSetting({ env: 'PRODUCER_JITTER_MS', flag: 'jitter-ms', default: 3_000, min: 0, description: 'Max out-of-order delay of normal events (ms)' }),
  lateRatio: numberSetting({ env: 'PRODUCER_LATE_RATIO', flag: 'late-ratio', default: 0.002, min: 0, max: 1, description: 'Share of events stamped far in the past' }),
  lateMinMs: integerSetting({ env: 'PRODUCER_LATE_MIN_MS', flag: 'late-min-ms', default: 75_000, min: 0, description: 'Min age of late events (ms)' }),
  lateMaxMs: integerSetting({ env: 'PRODUCER_LATE_MAX_MS', flag: 'late-max-ms', default: 300_000, min: 0, description: 'Max age of late events (ms)' }),
  spikePage: stringSetting({ env: 'PRODUCER_SPIKE_PAGE', flag: 'spike-page', default: 'none', description: "Page to spike, e.g. /product/7; 'none' disables the spike" }),
  spikeAtS: integerSetting({ env: 'PRODUCER_SPIKE_AT_S', flag: 'spike-at', default: 240, min: 0, description: 'Spike start, event-time seconds after the first event (240: the earliest the anomaly scorer, with its 3-window warm-up after the partial first window, is sure to judge)' }),
  spikeDurationS: integerSetting({ env: 'PRODUCER_SPIKE_DURATION_S', flag: 'spike-duration', default: 60, min: 1, description: 'Spike length in event-time seconds' }),
  spikeFactor: numberSetting({ env: 'PRODUCER_SPIKE_FACTOR', flag: 'spike-factor', default: 8, min: 1, max: 1_000, description: "Multiplier of the page's traffic during the spike" }),
  workers: integerSetting({ env: 'PRODUCER_WORKERS', flag: 'workers', default: 0, min: 0, max: 64, description: 'Send threads, each owning a disjoint set of partitions; 0 = one per 50k events/s of --rate, up to one per CPU core (never more than partitions)' }),
  maxInFlight: integerSetting({ env: 'PRODUCER_MAX_IN_FLIGHT', flag: 'max-in-flight', default: 1, min: 1, max: 64, description: 'Concurrent produce requests per send thread; above 1 kafkajs may reorder batches within a partition' }),
  batchSize: integerSetting({ env: 'PRODUCER_BATCH_SIZE', flag: 'batch-size', default: 5_000, min: 1, max: 100_000, description: 'Max messages per produce request' }),
  lingerMs: integerSetting({ env: 'PRODUCER_LINGER_MS', flag: 'linger-ms', default: 5, min: 0, max: 1_000, description: 'Wait up to this long to fill a batch (as linger.ms): fewer, larger requests at low rates' }),
  metricsPort: integerSetting({ env: 'PRODUCER_METRICS_PORT', flag: 'metrics-port', default: 9464, min: 0, max: 65_535, description: 'Port of /metrics, /healthz, /readyz (0 = any free port)' }),
  metricsHost: stringSetting({ env: 'METRICS_HOST', flag: 'metrics-host', default: '127.0.0.1', description: 'Interface of /metrics, /healthz, /readyz: loopback by default; 0.0.0.0 in a container (the images set it)' }),
  ...kafkaSecuritySettings(),
  progress: enumSetting({ env: 'PRODUCER_PROGRESS', flag: 'progress', default: 'auto', choices: ['auto', 'on', 'off'] as const, description: 'Live progress line (auto: only on a terminal)' }),
  logLevel: enumSetting({ env: 'LOG_LEVEL', flag: 'log-level', default: 'info', choices: ['debug', 'info', 'warn', 'error'] as const, description: 'Log level' }),
};

export type ProducerConfig = ConfigOf<typeof producerSettings>;

/** Cross-field checks parseArgs cannot express; messages name the flags to fix. */
export function checkProducerConfig(c: ProducerConfig): string[] {
  const problems: string[] = [...checkKafkaSecurity(c)];
  if (c.lateMinMs > c.lateMaxMs) problems.push(`--late-min-ms (${c.lateMinMs}) must not exceed --late-max-ms (${c.lateMaxMs})`);
  if (c.startTime !== 'now' && Number.isNaN(Date.parse(c.startTime))) {
    problems.push(`--start-time must be 'now' or an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '${c.startTime}'`);
  }
  if (c.spikePage !== 'none' && !c.spikePage.startsWith('/')) problems.push(`--spike-page must start with '/', got '${c.spikePage}'`);
  return problems;
}
