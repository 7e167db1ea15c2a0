import { integerSetting, type ConfigOf } from '@clickstream/config';
import { consumerAppSettings } from '@clickstream/stream-runtime';

/** Every raw-sink setting: env var, flag, default. The README's table is `--help`'s output. */
export const rawSinkSettings = {
  ...consumerAppSettings({ app: 'raw-sink', groupId: 'clickstream-raw-sink', metricsPort: 9466, checkpointIntervalMs: 5_000 }),
  batchSize: integerSetting({ env: 'RAW_SINK_BATCH_SIZE', flag: 'batch-size', default: 50_000, min: 1, max: 1_000_000, description: 'Rows per partition that trigger an insert' }),
  maxFlushDelayMs: integerSetting({ env: 'RAW_SINK_MAX_FLUSH_DELAY_MS', flag: 'max-flush-delay-ms', default: 500, min: 10, max: 600_000, description: 'Max time a row waits before its batch is inserted (ms)' }),
};

export type RawSinkConfig = ConfigOf<typeof rawSinkSettings>;
