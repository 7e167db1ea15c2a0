import { buildFlinkJob } from '../flink/flink-job';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import { lastAssignedPartitions } from '../run/assigned-partitions';
import type { StartedApp } from '../run/bench-apps';
import { pollUntil, sleep } from '../run/poll';
import { round2 } from '../run/throughput-meter';
import type { RunInfo } from '../suite/bench-result';
import type { FlinkComparisonResult, LiveUsage } from '../suite/flink-comparison-result';
import type { SuiteContext } from '../suite/suite-context';
import { baselineBundle, catchUpInTurns, catchUpSide, recordsOf, startSide, type Side } from './job-catch-up';
import { finishProducer, preloadAtTopSpeed } from './producer-scenario';

const MB = 1024 * 1024;
/** The seed of the figures (issue 15): the same events on every run. */
export const COMPARISON_SEED = 11;

/**
 * Issue 15's side-by-side run: the reference Flink job, the aggregator and the raw sink on the same
 * JSON topic, first in catch-up one after another (each alone on the machine; the aggregator and Flink
 * twice, in turns: catchUpInTurns), then all three at once
 * on a live topic fed at a steady rate, CPU taken over the middle half of the producer's run.
 */
export async function flinkComparison(ctx: SuiteContext, repoRoot: string, live: { rate: number; seconds: number }, baseline?: string): Promise<Omit<FlinkComparisonResult, 'suite' | keyof RunInfo>> {
  const { fixture, settings } = ctx;
  ctx.progress('flink: building the reference job (Maven, cached in the stack dir)');
  const job = buildFlinkJob(repoRoot);
  const topic = await fixture.createTopic('flink_json', settings.partitions);
  await preloadAtTopSpeed(ctx, topic, 'json', ['--seed', String(COMPARISON_SEED)]);

  const { aggregator, flink } = await catchUpInTurns(ctx, job, topic);
  const rawSink = await catchUpSide(ctx, job, 'rawSink', topic);
  // Another build of the apps (--baseline <dir> holding aggregator/main.js and raw-sink/main.js, e.g.
  // main's dist/apps): the same catch-up, so a change is measured against it in the same run.
  const baselineRuns = baseline
    ? { aggregatorBaseline: await catchUpSide(ctx, job, 'aggregator', topic, { baseline }), rawSinkBaseline: await catchUpSide(ctx, job, 'rawSink', topic, { baseline }) }
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
      ? { aggregator: await start('aggregator', baselineBundle(baseline, 'aggregator')), rawSink: await start('rawSink', baselineBundle(baseline, 'rawSink')) }
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
