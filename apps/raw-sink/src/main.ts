import { readConfigOrExit } from '@clickstream/config';
import { REJECTION_REASONS } from '@clickstream/event-schema';
import { exitOnFatal } from '@clickstream/lifecycle';
import { runSavepointAndExit, savepointRequestOrExit } from '@clickstream/operations';
import { ClickHouseEncodedRowsWriter } from '@clickstream/sinks';
import { runConsumerApp } from '@clickstream/stream-runtime';
import { rawSinkSettings } from './raw-sink-config';
import { createRawSinkMetrics } from './raw-sink-metrics';
import { CLICKS_RAW_COLUMNS } from './clicks-raw-block';
import { RawSinkTask } from './raw-sink-task';

// `raw-sink savepoint export|import FILE [flags]`: the checkpoint offsets of this app's group, in a file.
const savepoint = savepointRequestOrExit('raw-sink', process.argv.slice(2));
const config = readConfigOrExit('raw-sink', rawSinkSettings, undefined, {
  argv: savepoint?.appArgs ?? process.argv.slice(2),
  env: process.env,
  exit: (code) => process.exit(code),
});
const DAY_MS = 86_400_000;
const fatal = exitOnFatal('raw-sink', { debug: config.logLevel === 'debug' });

if (savepoint) {
  // The raw sink keeps no state beyond offsets: its savepoints are tied to the topic only.
  const scope = { app: 'raw-sink', namespace: `raw-sink:${config.groupId}`, fingerprint: { topic: config.topic }, stateVersions: undefined };
  runSavepointAndExit('raw-sink', savepoint, config, scope, fatal);
} else {
  startRawSink();
}

function startRawSink(): void {
  runConsumerApp({
    name: 'raw-sink',
    settings: config,
    maxFlushDelayMs: config.maxFlushDelayMs,
    rejectionReasons: REJECTION_REASONS,
    createTaskFactory: ({ registry, clickhouse }) => {
      const metrics = createRawSinkMetrics(registry);
      const writer = new ClickHouseEncodedRowsWriter(clickhouse, { table: 'clicks_raw', columns: CLICKS_RAW_COLUMNS, format: 'JSONCompactEachRow' });
      const validation = { maxFutureSkewMs: config.maxFutureSkewMs, maxEventAgeMs: config.maxEventAgeDays * DAY_MS };
      return () => new RawSinkTask(config.batchSize, writer, metrics, validation);
    },
  }).catch(fatal);
}
