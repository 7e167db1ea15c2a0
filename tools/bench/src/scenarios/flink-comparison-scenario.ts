import { buildFlinkJob, FLINK_RECORDS_METRIC, type FlinkJob } from '../flink/flink-job';
import { sumOf } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import { lastAssignedPartitions } from '../run/assigned-partitions';
import type { StartedApp } from '../run/bench-apps';
import { pollUntil, sleep } from '../run/poll';
import { measureThroughput, round2 } from '../run/throughput-meter';
import type { CatchUpSide, FlinkComparisonResult, LiveUsage } from '../suite/flink-comparison-result';
import type { SuiteContext } from '../suite/suite-context';
import { finishProducer, preloadAtTopSpeed } from './producer-scenario';
import path from 'node:path';

const TIMEOUT_MS = 600_000;
const MB = 1024 * 1024;
/** The seed of the figures (issue 15): the same events on every run. */
export const COMPARISON_SEED = 11;

type Side = 'aggregator' | 'flink' | 'rawSink';
const METRIC: Record<Side, string> = { aggregator: 'stream_records_total', flink: FLINK_RECORDS_METRIC, rawSink: 'raw_sink_rows_inserted_total' };

async function recordsOf(side: Side, app: StartedApp): Promise<number> {
  return sumOf(await scrapeMetrics(app.metricsPort), METRIC[side]);
}

function startFlink(ctx: SuiteContext, job: FlinkJob, label: string, topic: string): Promise<StartedApp> {
  return ctx.apps.startJava(label, job, ['--brokers', ctx.fixture.endpoints.brokers, '--topic', topic, '--group-id', `${ctx.fixture.id}-${label}`, '--start', 'earliest']);
}

function startSide(ctx: SuiteContext, job: FlinkJob, side: Side, label: string, topic: string, bundle?: string): Promise<StartedApp> {
  if (side === 'flink') return startFlink(ctx, job, label, topic);
  return ctx.apps.start(label, side === 'aggregator' ? 'aggregator' : 'raw-sink', ctx.fixture.appArgs(topic, label), bundle);
}

/** One job with a fresh consumer group through the whole preloaded topic; start-up not counted (first to last record). */
async function catchUpOne(ctx: SuiteContext, job: FlinkJob, side: Side, topic: string, baseline?: string): Promise<CatchUpSide> {
  const label = `${side}${baseline ? '-baseline' : ''}-catch-up`;
  ctx.progress(`${label}: ${ctx.settings.preloadEvents.toLocaleString('en-US')} JSON events of ${topic}`);
  const started = await startSide(ctx, job, side, label, topic, baseline && path.join(baseline, side === 'aggregator' ? 'aggregator' : 'raw-sink', 'main.js'));
  try {
    const t = await measureThroughput(started.process, () => recordsOf(side, started), ctx.settings.preloadEvents, ctx.stack, TIMEOUT_MS);
    return { ...t, wholeProcessCpuSeconds: round2(started.process.usage().cpuSeconds) };
  } finally {
    await started.process.stop();
  }
}

/**
 * Issue 15's side-by-side run: the reference Flink job, the aggregator and the raw sink on the same
 * JSON topic, first in catch-up one after another (each alone on the machine), then all three at once
 * on a live topic fed at a steady rate, CPU taken over the middle half of the producer's run.
 */
export async function flinkComparison(ctx: SuiteContext, repoRoot: string, live: { rate: number; seconds: number }, baseline?: string): Promise<Omit<FlinkComparisonResult, 'suite' | 'quick' | 'startedAt' | 'finishedAt' | 'machine' | 'loadAverageAtStart' | 'loadAverageAtEnd' | 'commands'>> {
  const { fixture, settings } = ctx;
  ctx.progress('flink: building the reference job (Maven, cached in the stack dir)');
  const job = buildFlinkJob(repoRoot);
  const topic = await fixture.createTopic('flink_json', settings.partitions);
  await preloadAtTopSpeed(ctx, topic, 'json', ['--seed', String(COMPARISON_SEED)]);

  const aggregator = await catchUpOne(ctx, job, 'aggregator', topic);
  const flink = await catchUpOne(ctx, job, 'flink', topic);
  const rawSink = await catchUpOne(ctx, job, 'rawSink', topic);
  // Another build of the apps (--baseline <dir> holding aggregator/main.js and raw-sink/main.js, e.g.
  // main's dist/apps): the same catch-up, so a change is measured against it in the same run.
  const baselineRuns = baseline
    ? { aggregatorBaseline: await catchUpOne(ctx, job, 'aggregator', topic, baseline), rawSinkBaseline: await catchUpOne(ctx, job, 'rawSink', topic, baseline) }
    : {};

  const liveTopic = await fixture.createTopic('flink_live', settings.partitions);
  const sides: Side[] = ['aggregator', 'flink', 'rawSink'];
  const started: StartedApp[] = [];
  const start = async (side: Side, baselineBundle?: string) => {
    const app = await startSide(ctx, job, side, `${side}${baselineBundle ? '-baseline' : ''}-live`, liveTopic, baselineBundle);
    started.push(app);
    return app;
  };
  try {
    const apps: Record<Side, StartedApp> = { aggregator: await start('aggregator'), flink: await start('flink'), rawSink: await start('rawSink') };
    // The baseline builds read the same live topic too, so before and after share the run's load.
    const baselineApps = baseline
      ? { aggregator: await start('aggregator', path.join(baseline, 'aggregator', 'main.js')), rawSink: await start('rawSink', path.join(baseline, 'raw-sink', 'main.js')) }
      : undefined;
    const consumers: [Side, StartedApp][] = [['aggregator', apps.aggregator], ['rawSink', apps.rawSink]];
    if (baselineApps) consumers.push(['aggregator', baselineApps.aggregator], ['rawSink', baselineApps.rawSink]);
    for (const [, app] of consumers) {
      await pollUntil(`${app.process.name} to be assigned all partitions`, async () => {
        app.process.assertRunning();
        return (lastAssignedPartitions(app.process.log())?.length ?? 0) >= settings.partitions ? true : undefined;
      }, { intervalMs: 200, timeoutMs: 60_000 });
    }
    const flinkApp = apps.flink;
    await pollUntil('the Flink job to serve its metrics', async () => {
      flinkApp.process.assertRunning();
      return (await scrapeMetrics(flinkApp.metricsPort)).length > 0 ? true : undefined;
    }, { intervalMs: 200, timeoutMs: 60_000 });
    // The job reads the fresh topic from its beginning, so nothing is missed; the pause lets the JVM's
    // start-up work (class loading, the mini-cluster, the first JIT) end before anything is measured.
    await sleep(10_000);

    ctx.progress(`live: ${live.rate.toLocaleString('en-US')} JSON events/s for ${live.seconds} s, aggregator + Flink + raw sink on ${liveTopic}`);
    const producer = await ctx.apps.start('producer-live', 'producer', [
      '--topic', liveTopic, '--brokers', fixture.endpoints.brokers, '--rate', String(live.rate), '--duration', String(live.seconds),
      '--format', 'json', '--seed', String(COMPARISON_SEED), '--progress', 'off',
    ]);
    const from = live.seconds / 4;
    const span = live.seconds / 2;
    await sleep(from * 1000);
    const measured = [...started];
    const cpuAt = () => measured.map((app) => app.process.usage().cpuSeconds);
    const t0 = performance.now();
    const before = cpuAt();
    await sleep(span * 1000);
    const after = cpuAt();
    const measuredSeconds = (performance.now() - t0) / 1000;
    const summary = await finishProducer(producer.process);
    // Each job should have taken in every event shortly after the producer stopped; one that has not
    // within 60 s fell behind the rate, which the figures must say (recordsAtEnd < generated).
    await pollUntil('the three jobs to take in every live event', async () => {
      const counts = await Promise.all([...sides.map((side) => recordsOf(side, apps[side])), ...consumers.slice(2).map(([side, app]) => recordsOf(side, app))]);
      return counts.every((c) => c >= summary.generated) ? true : undefined;
    }, { intervalMs: 500, timeoutMs: 60_000 }).catch(() => undefined);
    const usageOf = async (side: Side, app: StartedApp): Promise<LiveUsage> => {
      const i = measured.indexOf(app);
      const cpuSeconds = (after[i] ?? 0) - (before[i] ?? 0);
      return {
        cores: Math.round((cpuSeconds / measuredSeconds) * 1000) / 1000,
        cpuSeconds: round2(cpuSeconds),
        peakRssMb: Math.round(app.process.usage().peakRssBytes / MB),
        recordsAtEnd: await recordsOf(side, app),
      };
    };
    return {
      partitions: settings.partitions,
      seed: COMPARISON_SEED,
      format: 'json',
      catchUp: { aggregator, flink, rawSink, ...baselineRuns },
      live: {
        rate: live.rate,
        seconds: live.seconds,
        measuredFromSecond: from,
        measuredSeconds: round2(measuredSeconds),
        generated: summary.generated,
        aggregator: await usageOf('aggregator', apps.aggregator),
        flink: await usageOf('flink', apps.flink),
        rawSink: await usageOf('rawSink', apps.rawSink),
        ...(baselineApps
          ? { aggregatorBaseline: await usageOf('aggregator', baselineApps.aggregator), rawSinkBaseline: await usageOf('rawSink', baselineApps.rawSink) }
          : {}),
      },
    };
  } finally {
    await Promise.all(started.map((a) => a.process.stop()));
  }
}
