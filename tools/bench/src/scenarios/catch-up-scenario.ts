import { sumOf } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import type { StartedApp } from '../run/bench-apps';
import { measureThroughput } from '../run/throughput-meter';
import type { Throughput } from '../suite/bench-result';
import type { SuiteContext } from '../suite/suite-context';
import path from 'node:path';

const TIMEOUT_MS = 600_000;

async function measure(ctx: SuiteContext, started: StartedApp, metric: string): Promise<Throughput> {
  const done = async () => sumOf(await scrapeMetrics(started.metricsPort), metric);
  try {
    return await measureThroughput(started.process, done, ctx.settings.preloadEvents, ctx.stack, TIMEOUT_MS);
  } finally {
    await started.process.stop();
  }
}

/** Scenarios 2 and 3: an app with a fresh consumer group working through the preloaded topic. */
export async function catchUp(ctx: SuiteContext, app: 'aggregator' | 'raw-sink', topic: string, label: string): Promise<Throughput> {
  ctx.progress(`${label}: catch-up on ${ctx.settings.preloadEvents.toLocaleString('en-US')} events of ${topic}`);
  const started = await ctx.apps.start(label, app, ctx.fixture.appArgs(topic, label));
  return measure(ctx, started, app === 'aggregator' ? 'stream_records_total' : 'raw_sink_rows_inserted_total');
}

/** Scenario 6: the same topic read by a kafkajs consumer that does nothing with the messages. */
export async function bareConsumerCeiling(ctx: SuiteContext, topic: string): Promise<Throughput> {
  ctx.progress(`bare kafkajs consumer: reading ${topic}`);
  const file = path.join('tools', 'bench', 'src', 'ceiling', 'bare-consumer.ts');
  const started = await ctx.apps.startTool('bare-consumer', file, [
    '--brokers', ctx.fixture.endpoints.brokers, '--topic', topic, '--group-id', `${ctx.fixture.id}-bare`,
  ]);
  return measure(ctx, started, 'bench_bare_records_total');
}
