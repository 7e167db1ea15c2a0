import { histogramDelta, histogramMaxBound, histogramOf, sumOf, type PrometheusSample } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import { pollUntil, sleep } from '../run/poll';
import type { CheckpointAtKeys } from '../suite/bench-result';
import type { SuiteContext } from '../suite/suite-context';
import { finishProducer } from './producer-scenario';

const CHECKPOINT_INTERVAL_MS = 2_000;
const MB = 1024 * 1024;

/**
 * Scenario 5a: the aggregator holding `openKeys` page x country keys in one open window. Uniform
 * pages (--zipf 0), one user (so one country), keyed by event id across all partitions; all events
 * within 20 s of event time from the start of the previous minute, so the window never closes.
 * Once every event is in, the next checkpoint of each partition holds the whole state: those flushes
 * are read from the metrics (stream_flush_duration_seconds, stream_checkpoint_size_bytes).
 */
export async function checkpointAtKeys(ctx: SuiteContext, openKeys: number): Promise<CheckpointAtKeys> {
  const { fixture, settings } = ctx;
  const events = openKeys * settings.eventsPerKey;
  ctx.progress(`checkpoint: ${openKeys.toLocaleString('en-US')} open keys (${events.toLocaleString('en-US')} events)`);
  const topic = await fixture.createTopic(`keys${openKeys}`, settings.partitions);
  const minute = 60_000;
  const producer = await ctx.apps.start(`producer-keys-${openKeys}`, 'producer', [
    '--topic', topic, '--brokers', fixture.endpoints.brokers, '--count', String(events), '--rate', '10000000',
    '--event-rate', String(Math.ceil(events / 20)), '--start-time', new Date(Math.floor(Date.now() / minute) * minute - minute).toISOString(),
    '--pages', String(openKeys), '--zipf', '0', '--users', '1', '--key', 'event_id', '--jitter-ms', '0', '--late-ratio', '0', '--progress', 'off',
  ]);
  await finishProducer(producer.process);

  const { process: app, metricsPort } = await ctx.apps.start(`aggregator-keys-${openKeys}`, 'aggregator', [
    ...fixture.appArgs(topic, `keys${openKeys}`), '--checkpoint-interval-ms', String(CHECKPOINT_INTERVAL_MS),
  ]);
  try {
    const scrape = async (): Promise<PrometheusSample[]> => {
      app.assertRunning();
      app.usage();
      return scrapeMetrics(metricsPort);
    };
    const allIn = await pollUntil('the aggregator to take every event in', async () => {
      const samples = await scrape();
      return sumOf(samples, 'stream_records_total') >= events ? samples : undefined;
    }, { intervalMs: 100, timeoutMs: 300_000 });
    const flushesBefore = sumOf(allIn, 'stream_flushes_total');
    // One flush per partition is due within an interval of its last one; wait for all, or two intervals.
    const deadline = Date.now() + 2 * CHECKPOINT_INTERVAL_MS + 1_000;
    let after = allIn;
    while (Date.now() < deadline && sumOf(after, 'stream_flushes_total') - flushesBefore < settings.partitions) {
      await sleep(100);
      after = await scrape();
    }
    const duration = histogramDelta(histogramOf(allIn, 'stream_flush_duration_seconds'), histogramOf(after, 'stream_flush_duration_seconds'));
    const bytes = histogramDelta(histogramOf(allIn, 'stream_checkpoint_size_bytes'), histogramOf(after, 'stream_checkpoint_size_bytes'));
    const flushes = duration.count;
    const maxBound = histogramMaxBound(duration);
    const usage = app.usage();
    return {
      openKeys,
      events,
      flushes,
      meanFlushMs: flushes > 0 ? Math.round((duration.sum / flushes) * 1000) : null,
      maxFlushMsBound: maxBound === undefined || !Number.isFinite(maxBound) ? null : maxBound * 1000,
      meanCheckpointBytes: flushes > 0 ? Math.round(bytes.sum / flushes) : null,
      checkpointBytesAllPartitions: flushes > 0 ? Math.round((bytes.sum / flushes) * settings.partitions) : null,
      partitions: settings.partitions,
      peakRssMb: Math.round(usage.peakRssBytes / MB),
      rssAfterMb: Math.round(usage.rssBytes / MB),
    };
  } finally {
    await app.stop();
  }
}
