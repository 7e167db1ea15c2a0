import { sumOf } from '../metrics/prometheus-text';
import { scrapeMetrics } from '../metrics/metrics-scraper';
import type { AppProcess } from '../run/app-process';
import { sleep } from '../run/poll';
import { measureThroughput, round2 } from '../run/throughput-meter';
import type { RateAccuracy, Throughput } from '../suite/bench-result';
import type { SuiteContext } from '../suite/suite-context';
import { parseProducerSummary, type ProducerSummary } from './producer-summary';

const MB = 1024 * 1024;

/** Event time of preloaded events: two hours back on the hour, 2,000 events per event-time second. */
export function preloadStartTime(now = Date.now()): string {
  const hour = 3_600_000;
  return new Date(Math.floor(now / hour) * hour - 2 * hour).toISOString();
}

export async function finishProducer(p: AppProcess): Promise<ProducerSummary> {
  // Sampled while it runs: once it exited, /proc can no longer be read.
  while (!p.hasExited) {
    p.usage();
    await sleep(200);
  }
  const code = await p.exited;
  const summary = parseProducerSummary(p.log());
  if (code !== 0 || !summary || summary.failed > 0) throw new Error(`${p.name} failed (exit ${code}); see ${p.logFile}`);
  return summary;
}

/**
 * Scenario 1a and the catch-up input: `events` as fast as the producer can (asked 10M/s), 1 request
 * in flight (the default). Measured up to the last poll that saw it alive: it exits right after the
 * last ack, usually before a poll sees that. `labelSuffix` keeps several preloads of one run apart
 * (log file, recorded command).
 */
export async function preloadAtTopSpeed(ctx: SuiteContext, topic: string, format: 'avro' | 'json', extraArgs: readonly string[] = [], labelSuffix = ''): Promise<Throughput> {
  const events = ctx.settings.preloadEvents;
  ctx.progress(`producer: ${events.toLocaleString('en-US')} ${format} events at top speed into ${topic}${extraArgs.length > 0 ? ` (${extraArgs.join(' ')})` : ''}`);
  const { process: p, metricsPort } = await ctx.apps.start(`producer-top-speed-${format}${labelSuffix}`, 'producer', [
    '--topic', topic, '--brokers', ctx.fixture.endpoints.brokers, '--count', String(events), '--rate', '10000000',
    '--event-rate', '2000', '--start-time', preloadStartTime(), '--format', format, '--progress', 'off', ...extraArgs,
  ]);
  const acked = async () => sumOf(await scrapeMetrics(metricsPort), 'producer_events_acked_total');
  const result = await measureThroughput(p, acked, events, ctx.stack, 600_000, { untilExit: true });
  await finishProducer(p);
  return result;
}

/** Scenario 1b: a steady asked rate for a while; the producer's own count and clock decide. */
export async function rateAccuracy(ctx: SuiteContext, topic: string, rate: number): Promise<RateAccuracy> {
  const seconds = ctx.settings.accuracySeconds;
  ctx.progress(`producer: ${rate.toLocaleString('en-US')}/s asked for ${seconds} s`);
  const { process: p } = await ctx.apps.start(`producer-rate-${rate}`, 'producer', [
    '--topic', topic, '--brokers', ctx.fixture.endpoints.brokers, '--rate', String(rate), '--duration', String(seconds), '--progress', 'off',
  ]);
  const summary = await finishProducer(p);
  const usage = p.usage();
  return {
    askedRate: rate,
    durationSeconds: summary.seconds,
    achievedRate: summary.achievedRate,
    errorPercent: round2(((summary.achievedRate - rate) / rate) * 100),
    cpuSeconds: round2(usage.cpuSeconds),
    peakRssMb: Math.round(usage.peakRssBytes / MB),
  };
}
