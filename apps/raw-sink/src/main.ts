import { readConfigOrExit } from '@clickstream/config';
import { exitOnFatal } from '@clickstream/lifecycle';
import { ClickHouseTableWriter } from '@clickstream/sinks';
import { runConsumerApp } from '@clickstream/stream-runtime';
import { rawSinkSettings } from './raw-sink-config';
import { createRawSinkMetrics } from './raw-sink-metrics';
import { CLICKS_RAW_COLUMNS, RawSinkTask, type ClicksRawValues } from './raw-sink-task';

const config = readConfigOrExit('raw-sink', rawSinkSettings);

runConsumerApp({
  name: 'raw-sink',
  settings: config,
  maxFlushDelayMs: config.maxFlushDelayMs,
  createTaskFactory: ({ registry, clickhouse, deadLetters }) => {
    const metrics = createRawSinkMetrics(registry);
    const writer = new ClickHouseTableWriter<ClicksRawValues>(clickhouse, {
      table: 'clicks_raw',
      columns: CLICKS_RAW_COLUMNS,
      toValues: (row) => row,
    });
    return () => new RawSinkTask(config.topic, config.batchSize, writer, deadLetters, metrics);
  },
}).catch(exitOnFatal('raw-sink', { debug: config.logLevel === 'debug' }));
