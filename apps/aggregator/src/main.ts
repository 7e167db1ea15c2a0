import { readConfigOrExit } from '@clickstream/config';
import { exitOnFatal } from '@clickstream/lifecycle';
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
  createTaskFactory: ({ registry, clickhouse, deadLetters }) => {
    const metrics = createAggregatorMetrics(registry);
    const observer = aggregatorTaskObserver(metrics);
    const outputsFor = clickhouseAggregatorOutputs(clickhouse, deadLetters, config.topic, metrics);
    return (claim) =>
      new AggregatorTask(
        {
          topic: config.topic,
          partition: claim.ref.partition,
          windowSizeMs: config.windowSizeMs,
          outOfOrdernessMs: config.outOfOrdernessMs,
          allowedLatenessMs: config.allowedLatenessMs,
          maxBufferedRows: config.maxBufferedRows,
          anomaly: { historyLength: config.anomalyHistory, minHistory: config.anomalyMinHistory, threshold: config.anomalyThreshold },
        },
        outputsFor(claim.ref.partition),
        observer,
        claim.state,
      );
  },
}).catch(exitOnFatal('aggregator', { debug: config.logLevel === 'debug' }));
