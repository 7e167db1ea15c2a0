import { readConfigOrExit } from '@clickstream/config';
import { REJECTION_REASONS } from '@clickstream/event-schema';
import { exitOnFatal } from '@clickstream/lifecycle';
import { runSavepointAndExit, savepointRequestOrExit } from '@clickstream/operations';
import { runConsumerApp } from '@clickstream/stream-runtime';
import { aggregatorSettings, aggregatorStateFingerprint, checkAggregatorConfig } from './aggregator-config';
import { aggregatorTaskObserver, createAggregatorMetrics } from './aggregator-metrics';
import { clickhouseAggregatorOutputs } from './aggregator-outputs';
import { AGGREGATOR_STATE_VERSIONS_READ, AggregatorTask } from './partition/aggregator-task';

// `aggregator savepoint export|import FILE [flags]`: the checkpoint state of this app's group, in a file.
const savepoint = savepointRequestOrExit('aggregator', process.argv.slice(2));
const config = readConfigOrExit('aggregator', aggregatorSettings, checkAggregatorConfig, {
  argv: savepoint?.appArgs ?? process.argv.slice(2),
  env: process.env,
  exit: (code) => process.exit(code),
});
const fatal = exitOnFatal('aggregator', { debug: config.logLevel === 'debug' });

if (savepoint) {
  const scope = {
    app: 'aggregator',
    namespace: `aggregator:${config.groupId}`,
    fingerprint: aggregatorStateFingerprint(config),
    stateVersions: AGGREGATOR_STATE_VERSIONS_READ,
  };
  runSavepointAndExit('aggregator', savepoint, config, scope, fatal);
} else {
  startAggregator();
}

function startAggregator(): void {
  runConsumerApp({
    name: 'aggregator',
    settings: config,
    // Fired windows flush at once (wantsFlush); this bounds how long late rows wait.
    maxFlushDelayMs: config.maxFlushDelayMs,
    rejectionReasons: REJECTION_REASONS,
    createTaskFactory: ({ registry, clickhouse }) => {
      const metrics = createAggregatorMetrics(registry);
      const observer = aggregatorTaskObserver(metrics);
      const outputsFor = clickhouseAggregatorOutputs(clickhouse, config.topic, metrics);
      return (claim) =>
        new AggregatorTask(
          {
            topic: config.topic,
            partition: claim.ref.partition,
            windowSizeMs: config.windowSizeMs,
            outOfOrdernessMs: config.outOfOrdernessMs,
            allowedLatenessMs: config.allowedLatenessMs,
            maxBufferedRows: config.maxBufferedRows,
            maxHeldEvents: config.maxHeldEvents,
            maxFutureSkewMs: config.maxFutureSkewMs,
            watermarkMaxLeadMs: config.watermarkMaxLeadMs,
            maxEventAgeMs: config.maxEventAgeDays * 86_400_000,
          },
          outputsFor(claim.ref.partition),
          observer,
          claim.state,
        );
    },
  }).catch(fatal);
}
