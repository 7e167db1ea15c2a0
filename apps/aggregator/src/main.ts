import { readConfigOrExit } from '@clickstream/config';
import { REJECTION_REASONS } from '@clickstream/event-schema';
import { runConsumerApp } from '@clickstream/stream-runtime';
import { aggregatorSettings, checkAggregatorConfig } from './aggregator-config';
import { aggregatorTaskObserver, createAggregatorMetrics } from './aggregator-metrics';
import { clickhouseAggregatorOutputs } from './aggregator-outputs';
import { AggregatorTask } from './partition/aggregator-task';

const config = readConfigOrExit('aggregator', aggregatorSettings, checkAggregatorConfig);

runConsumerApp({
  name: 'aggregator',
  settings: config,
  // Fired windows flush at once (wantsFlush); this bounds how long late rows and dead letters wait.
  maxFlushDelayMs: 5_000,
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
          maxFutureSkewMs: config.maxFutureSkewMs,
          watermarkMaxLeadMs: config.watermarkMaxLeadMs,
          maxEventAgeMs: config.maxEventAgeDays * 86_400_000,
        },
        outputsFor(claim.ref.partition),
        observer,
        claim.state,
      );
  },
}).catch((err: unknown) => {
  process.stderr.write(`aggregator: fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
