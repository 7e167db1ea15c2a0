import { encodeClickEventAvro, encodeClickEventJson, type ClickEvent } from '@clickstream/event-schema';
import type { Logger } from '@clickstream/observability';
import type { Message, Producer } from 'kafkajs';
import { ProgressLine } from './cli/progress-line';
import type { ProducerConfig } from './producer-config';
import type { ProducerMetrics } from './producer-metrics';
import { KafkaClickSender } from './sending/kafka-click-sender';
import { SendPacer } from './sending/send-pacer';
import { TrafficGenerator } from './traffic/traffic-generator';
import type { TrafficProfile } from './traffic/traffic-profile';

export interface RunSummary {
  readonly generated: number;
  readonly acked: number;
  readonly failed: number;
  readonly seconds: number;
  readonly achievedRate: number;
}

export function trafficProfileOf(c: ProducerConfig, now: number): TrafficProfile {
  return {
    seed: c.seed,
    startTime: c.startTime === 'now' ? now : Date.parse(c.startTime),
    eventsPerSecond: c.eventRate > 0 ? c.eventRate : c.rate,
    pageCount: c.pages,
    zipfExponent: c.zipf,
    userCount: c.users,
    sessionContinueProbability: 0.7,
    jitterMs: c.jitterMs,
    lateRatio: c.lateRatio,
    lateMinMs: c.lateMinMs,
    lateMaxMs: c.lateMaxMs,
    spike:
      c.spikePage === 'none'
        ? undefined
        : { page: c.spikePage, startOffsetMs: c.spikeAtS * 1000, durationMs: c.spikeDurationS * 1000, factor: c.spikeFactor },
  };
}

/** Generates and sends until the duration or count is reached or `shouldStop()` says so. */
export async function runProducer(
  c: ProducerConfig,
  producer: Producer,
  metrics: ProducerMetrics,
  logger: Logger,
  shouldStop: () => boolean,
): Promise<RunSummary> {
  const startedAt = Date.now();
  const generator = new TrafficGenerator(trafficProfileOf(c, startedAt));
  const encode = c.format === 'avro' ? encodeClickEventAvro : encodeClickEventJson;
  const keyOf: (e: ClickEvent) => string | null =
    c.key === 'user_id' ? (e) => e.user_id : c.key === 'event_id' ? (e) => e.event_id : () => null;
  const sender = new KafkaClickSender(
    producer,
    c.topic,
    c.maxInFlight,
    (err, n) => {
      metrics.failed.inc(n);
      logger.error({ err, messages: n }, 'produce request failed');
    },
    (n, ms) => {
      metrics.acked.inc(n);
      metrics.requestLatency.observe(ms / 1000);
    },
  );
  const pacer = new SendPacer(c.rate, startedAt, Math.max(c.batchSize, Math.ceil(c.rate / 10)));
  const showProgress = c.progress === 'on' || (c.progress === 'auto' && process.stdout.isTTY === true);
  const progress = showProgress ? new ProgressLine(process.stdout, startedAt) : undefined;
  metrics.targetRate.set(c.rate);

  const endAt = c.duration > 0 ? startedAt + c.duration * 1000 : Infinity;
  const limit = c.count > 0 ? c.count : Infinity;
  let lastProgressAt = startedAt;

  while (!shouldStop() && generator.produced < limit) {
    const now = Date.now();
    if (now >= endAt) break;
    let due = Math.min(pacer.due(now, generator.produced), limit - generator.produced);
    if (due === 0) {
      await new Promise((r) => setTimeout(r, Math.min(50, Math.max(1, pacer.waitMs(now, generator.produced)))));
      continue;
    }
    while (due > 0) {
      const n = Math.min(due, c.batchSize);
      const messages: Message[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const event = generator.next();
        messages[i] = { key: keyOf(event), value: encode(event) };
      }
      due -= n;
      metrics.generated.inc(n);
      await sender.send(messages);
    }
    if (progress && now - lastProgressAt >= 500) {
      const s = sender.stats;
      progress.update(now, generator.produced, s.acked, s.failed, c.rate);
      lastProgressAt = now;
    }
  }
  await sender.drain();
  const seconds = (Date.now() - startedAt) / 1000;
  const s = sender.stats;
  if (progress) {
    progress.update(Date.now(), generator.produced, s.acked, s.failed, c.rate);
    progress.finish();
  }
  return {
    generated: generator.produced,
    acked: s.acked,
    failed: s.failed,
    seconds,
    achievedRate: Math.round(generator.produced / Math.max(seconds, 0.001)),
  };
}
