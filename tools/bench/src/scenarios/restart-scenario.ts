import { sumOf } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import { pollUntil } from '../run/poll';
import type { Restart } from '../suite/bench-result';
import type { SuiteContext } from '../suite/suite-context';

/**
 * Scenario 5b: with traffic flowing, kill -9 the aggregator once it has checkpointed, spawn a new
 * one in the same group at once, and time spawn -> first record processed (stream_records_total > 0
 * in the new process). The dead member keeps its partitions until its session times out, so the
 * apps' lowest session timeout is used.
 */
export async function restartAfterKill(ctx: SuiteContext): Promise<Restart[]> {
  const { fixture, settings } = ctx;
  const topic = await fixture.createTopic('restart', settings.partitions);
  const args = [...fixture.appArgs(topic, 'restart'), '--session-timeout-ms', String(settings.restartSessionTimeoutMs), '--checkpoint-interval-ms', '2000'];
  const producer = await ctx.apps.start('producer-restart', 'producer', [
    '--topic', topic, '--brokers', fixture.endpoints.brokers, '--rate', String(settings.restartTrafficRate), '--progress', 'off',
  ]);
  let app = await ctx.apps.start('aggregator-restart-0', 'aggregator', args);
  const results: Restart[] = [];
  try {
    await pollUntil('the first aggregator to checkpoint', async () => {
      app.process.assertRunning();
      return sumOf(await scrapeMetrics(app.metricsPort), 'stream_flushes_total') >= settings.partitions ? true : undefined;
    }, { intervalMs: 200, timeoutMs: 60_000 });
    for (let run = 1; run <= settings.restartRuns; run++) {
      ctx.progress(`restart: kill -9 and restart ${run}/${settings.restartRuns}`);
      await app.process.kill9();
      const spawnedAt = performance.now();
      app = await ctx.apps.start(`aggregator-restart-${run}`, 'aggregator', args);
      let metricsAt: number | undefined;
      await pollUntil('the restarted aggregator to process records', async () => {
        app.process.assertRunning();
        const samples = await scrapeMetrics(app.metricsPort);
        if (samples.length > 0) metricsAt ??= performance.now();
        return sumOf(samples, 'stream_records_total') > 0 ? true : undefined;
      }, { intervalMs: 50, timeoutMs: 120_000 });
      const resumedAt = performance.now();
      results.push({
        sessionTimeoutMs: settings.restartSessionTimeoutMs,
        trafficRate: settings.restartTrafficRate,
        restartToResumedMs: Math.round(resumedAt - spawnedAt),
        spawnToMetricsMs: Math.round((metricsAt ?? resumedAt) - spawnedAt),
      });
      // The next kill should hit a process that has checkpointed, as in the first run.
      if (run < settings.restartRuns) {
        await pollUntil('the restarted aggregator to checkpoint', async () => {
          return sumOf(await scrapeMetrics(app.metricsPort), 'stream_flushes_total') >= 1 ? true : undefined;
        }, { intervalMs: 200, timeoutMs: 60_000 });
      }
    }
    return results;
  } finally {
    await Promise.all([app.process.stop(), producer.process.stop()]);
  }
}
