import { sumOf } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import { lastAssignedPartitions } from '../run/assigned-partitions';
import { pollUntil, sleep } from '../run/poll';
import { round2, stackCpuBetween, stackCpuNow } from '../run/throughput-meter';
import type { Freshness, Latency } from '../suite/bench-result';
import type { SuiteContext } from '../suite/suite-context';
import { summarizeLatencies } from '../stats/percentiles';
import { delayToAlignedStart } from './freshness-window';
import { finishProducer } from './producer-scenario';

const OUT_OF_ORDERNESS_MS = 10_000; // the aggregator's default --out-of-orderness-ms
const MB = 1024 * 1024;

/**
 * Scenario 4: producer at a steady rate (jitter and late events off, so an event's ts is its produce
 * time) with raw-sink and aggregator running; latencies read back from ClickHouse afterwards.
 */
export async function freshness(ctx: SuiteContext): Promise<Freshness> {
  const { fixture, settings } = ctx;
  const rate = settings.freshnessRate;
  const seconds = settings.freshnessSeconds;
  await fixture.truncateTables();
  const topic = await fixture.createTopic('live', settings.partitions);
  const rawSink = await ctx.apps.start('raw-sink-live', 'raw-sink', fixture.appArgs(topic, 'raw-live'));
  const aggregator = await ctx.apps.start('aggregator-live', 'aggregator', fixture.appArgs(topic, 'agg-live'));
  try {
    for (const app of [rawSink, aggregator]) {
      await pollUntil(`${app.process.name} to be assigned all partitions`, async () => {
        app.process.assertRunning();
        return (lastAssignedPartitions(app.process.log())?.length ?? 0) >= settings.partitions ? true : undefined;
      }, { intervalMs: 200, timeoutMs: 60_000 });
    }
    const delay = delayToAlignedStart(Date.now(), seconds, OUT_OF_ORDERNESS_MS);
    ctx.progress(`freshness: waiting ${Math.round(delay / 1000)} s so that a window closes during the run, then ${rate.toLocaleString('en-US')}/s for ${seconds} s`);
    await sleep(delay);

    const before = { agg: aggregator.process.usage().cpuSeconds, raw: rawSink.process.usage().cpuSeconds, stack: stackCpuNow(ctx.stack) };
    const producer = await ctx.apps.start('producer-live', 'producer', [
      '--topic', topic, '--brokers', fixture.endpoints.brokers, '--rate', String(rate), '--duration', String(seconds),
      '--jitter-ms', '0', '--late-ratio', '0', '--progress', 'off',
    ]);
    const summary = await finishProducer(producer.process);
    await pollUntil('raw-sink and aggregator to take every event in', async () => {
      const raw = sumOf(await scrapeMetrics(rawSink.metricsPort), 'raw_sink_rows_inserted_total');
      const agg = sumOf(await scrapeMetrics(aggregator.metricsPort), 'stream_records_total');
      return raw >= summary.generated && agg >= summary.generated ? true : undefined;
    }, { intervalMs: 200, timeoutMs: 120_000 });
    const aggUsage = aggregator.process.usage();
    const rawUsage = rawSink.process.usage();
    const stack = stackCpuBetween(before.stack, stackCpuNow(ctx.stack));

    const [raw] = await fixture.queryRows<{ count: number; q: number[]; max: number }>(
      `SELECT count() AS count, quantilesExact(0.5, 0.95, 0.99)(d) AS q, max(d) AS max
       FROM (SELECT toUnixTimestamp64Milli(ingested_at) - toUnixTimestamp64Milli(ts) AS d FROM ${fixture.id}.clicks_raw)`,
    );
    const windowRows = await fixture.queryRows<{ d: number; w: string }>(
      `SELECT toUnixTimestamp64Milli(flushed_at) - toUnixTimestamp64Milli(window_end) - ${OUT_OF_ORDERNESS_MS} AS d, toString(window_end) AS w
       FROM ${fixture.id}.page_minute_agg`,
    );
    const rawLatency: Latency | null =
      raw && raw.count > 0 ? { count: Number(raw.count), p50: Number(raw.q[0]), p95: Number(raw.q[1]), p99: Number(raw.q[2]), max: Number(raw.max) } : null;
    return {
      rate,
      durationSeconds: summary.seconds,
      achievedRate: summary.achievedRate,
      rawRowVisibleMs: rawLatency,
      windowVisibleMs: summarizeLatencies(windowRows.map((r) => Number(r.d))) ?? null,
      windowsClosed: new Set(windowRows.map((r) => r.w)).size,
      aggregator: { cpuSeconds: round2(aggUsage.cpuSeconds - before.agg), peakRssMb: Math.round(aggUsage.peakRssBytes / MB) },
      rawSink: { cpuSeconds: round2(rawUsage.cpuSeconds - before.raw), peakRssMb: Math.round(rawUsage.peakRssBytes / MB) },
      ...stack,
    };
  } finally {
    await Promise.all([rawSink.process.stop(), aggregator.process.stop()]);
  }
}
