import type { FlinkJob } from '../flink/flink-job';
import { FLINK_RECORDS_METRIC } from '../flink/flink-job';
import { sumOf } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import type { StartedApp } from '../run/bench-apps';
import { measureThroughput, round2 } from '../run/throughput-meter';
import { waitForQuietStack } from '../proc/quiet-stack';
import { combineCatchUpRuns } from '../stats/combined-catch-up';
import type { CatchUpSide } from '../suite/flink-comparison-result';
import type { SuiteContext } from '../suite/suite-context';
import path from 'node:path';

const TIMEOUT_MS = 600_000;

/** The jobs compared on one topic: our two consumer apps and the reference Flink job. */
export type Side = 'aggregator' | 'flink' | 'rawSink';
const METRIC: Record<Side, string> = { aggregator: 'stream_records_total', flink: FLINK_RECORDS_METRIC, rawSink: 'raw_sink_rows_inserted_total' };

export async function recordsOf(side: Side, app: StartedApp): Promise<number> {
  return sumOf(await scrapeMetrics(app.metricsPort), METRIC[side]);
}

/** The app bundle of a `--baseline DIR` build (DIR/aggregator/main.js, DIR/raw-sink/main.js). */
export function baselineBundle(baseline: string, side: 'aggregator' | 'rawSink'): string {
  return path.join(baseline, side === 'aggregator' ? 'aggregator' : 'raw-sink', 'main.js');
}

/** Starts one job on `topic` with a consumer group of its own (`label`), from the topic's beginning. */
export function startSide(ctx: SuiteContext, job: FlinkJob, side: Side, label: string, topic: string, bundle?: string): Promise<StartedApp> {
  if (side === 'flink') {
    return ctx.apps.startJava(label, job, ['--brokers', ctx.fixture.endpoints.brokers, '--topic', topic, '--group-id', `${ctx.fixture.id}-${label}`, '--start', 'earliest']);
  }
  return ctx.apps.start(label, side === 'aggregator' ? 'aggregator' : 'raw-sink', ctx.fixture.appArgs(topic, label), bundle);
}

/**
 * One job with a fresh consumer group through the whole preloaded topic (`ctx.settings.preloadEvents`
 * records), alone on the machine; start-up not counted (first to last record), stopped afterwards.
 * It starts once the broker and ClickHouse are quiet (waitForQuietStack): the merges a read before
 * it left behind are not on its clock. `baseline`: run the aggregator or raw sink of that build instead of dist/apps.
 */
export async function catchUpSide(ctx: SuiteContext, job: FlinkJob, side: Side, topic: string, options: { baseline?: string; labelSuffix?: string } = {}): Promise<CatchUpSide> {
  const { baseline, labelSuffix = '' } = options;
  const label = `${side}${baseline ? '-baseline' : ''}-catch-up${labelSuffix}`;
  ctx.progress(`${label}: ${ctx.settings.preloadEvents.toLocaleString('en-US')} JSON events of ${topic}`);
  const bundle = baseline && side !== 'flink' ? baselineBundle(baseline, side) : undefined;
  const stackQuietWait = await waitForQuietStack(ctx.stack);
  if (!stackQuietWait.quiet) ctx.progress(`${label}: the broker and ClickHouse were still busy after ${stackQuietWait.waitedSeconds} s; reading anyway`);
  const started = await startSide(ctx, job, side, label, topic, bundle);
  try {
    const t = await measureThroughput(started.process, () => recordsOf(side, started), ctx.settings.preloadEvents, ctx.stack, TIMEOUT_MS);
    return { ...t, wholeProcessCpuSeconds: round2(started.process.usage().cpuSeconds), stackQuietWait };
  } finally {
    await started.process.stop();
  }
}

/**
 * The aggregator and the Flink job through the same topic in turns: aggregator, Flink, Flink,
 * aggregator; each figure is over the job's two reads (combineCatchUpRuns).
 *
 * Why: with one read each in a fixed order, the comparison measured the order too. The first read
 * comes right after the preload, while the broker still writes out its logs and ClickHouse merges;
 * the aggregator, always first, read below the same build read later in every published run of the
 * seventh pass (docs/benchmarks.md). In turns, each job has an early and a late place, and a drift
 * of the machine over the four reads weighs on both alike.
 */
export async function catchUpInTurns(ctx: SuiteContext, job: FlinkJob, topic: string): Promise<{ aggregator: CatchUpSide; flink: CatchUpSide }> {
  const read = (side: Side, n: 1 | 2) => catchUpSide(ctx, job, side, topic, { labelSuffix: `-read${n}` });
  const aggregatorFirst = await read('aggregator', 1);
  const flinkFirst = await read('flink', 1);
  const flinkSecond = await read('flink', 2);
  const aggregatorSecond = await read('aggregator', 2);
  return { aggregator: combineCatchUpRuns([aggregatorFirst, aggregatorSecond]), flink: combineCatchUpRuns([flinkFirst, flinkSecond]) };
}
