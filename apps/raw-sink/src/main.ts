import { readConfigOrExit } from '@clickstream/config';
import { REJECTION_REASONS } from '@clickstream/event-schema';
import { ClickHouseTableWriter } from '@clickstream/sinks';
import { runConsumerApp } from '@clickstream/stream-runtime';
import { rawSinkSettings } from './raw-sink-config';
import { createRawSinkMetrics } from './raw-sink-metrics';
import { CLICKS_RAW_COLUMNS, RawSinkTask, type ClicksRawValues } from './raw-sink-task';

const config = readConfigOrExit('raw-sink', rawSinkSettings);
const DAY_MS = 86_400_000;

runConsumerApp({
  name: 'raw-sink',
  settings: config,
  maxFlushDelayMs: config.maxFlushDelayMs,
  rejectionReasons: REJECTION_REASONS,
  createTaskFactory: ({ registry, clickhouse }) => {
    const metrics = createRawSinkMetrics(registry);
    const writer = new ClickHouseTableWriter<ClicksRawValues>(clickhouse, {
      table: 'clicks_raw',
      columns: CLICKS_RAW_COLUMNS,
      toValues: (row) => row,
    });
    const validation = { maxFutureSkewMs: config.maxFutureSkewMs, maxEventAgeMs: config.maxEventAgeDays * DAY_MS };
    return () => new RawSinkTask(config.batchSize, writer, metrics, validation);
  },
}).catch((err: unknown) => {
  process.stderr.write(`raw-sink: fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
