import { encodeClickEventAvro, encodeClickEventJson } from '@clickstream/event-schema';
import type { Logger } from '@clickstream/observability';
import { compressionTypeOf } from '@clickstream/kafka';
import type { Message, Producer } from 'kafkajs';
import { OwnedMessageStream } from '../partitioning/owned-message-stream';
import type { ProducerConfig } from '../producer-config';
import type { SendCountsBuffer } from '../threads/send-counts-buffer';
import { trafficProfileOf } from '../traffic/profile-from-config';
import { TrafficGenerator } from '../traffic/traffic-generator';
import { KafkaClickSender } from './kafka-click-sender';
import { SendPacer } from './send-pacer';

export interface SendLoopContext {
  readonly workerIndex: number;
  readonly workers: number;
  readonly partitionCount: number;
  /** Common to all workers: pacing and `--start-time now` count from it. */
  readonly startedAt: number;
}

/**
 * One worker's loop until the duration or count is reached or `shouldStop()` says so. Every
 * worker paces the WHOLE stream at the full rate and sends only its own partitions' events, so
 * the rates add up to the asked one whatever the key distribution, and event i is the same with
 * any number of workers.
 */
export async function runSendLoop(
  c: ProducerConfig,
  ctx: SendLoopContext,
  producer: Producer,
  counts: SendCountsBuffer,
  logger: Logger,
  shouldStop: () => boolean,
): Promise<{ sendingEndedAt: number }> {
  const stream = new OwnedMessageStream(new TrafficGenerator(trafficProfileOf(c, ctx.startedAt)), c.users, {
    topic: c.topic,
    key: c.key,
    partitionCount: ctx.partitionCount,
    workers: ctx.workers,
    workerIndex: ctx.workerIndex,
    encode: c.format === 'avro' ? (e) => encodeClickEventAvro(e) : encodeClickEventJson,
  });
  const sender = new KafkaClickSender(
    producer,
    c.topic,
    compressionTypeOf(c.compression),
    c.maxInFlight,
    (err, n) => {
      counts.addFailed(n);
      logger.error({ err, messages: n }, 'produce request failed');
    },
    (n, ms) => counts.addAcked(n, ms),
  );
  // Bursts are counted in events of the whole stream, of which this worker sends about 1/workers.
  const pacer = new SendPacer(c.rate, ctx.startedAt, Math.max(c.batchSize * ctx.workers, Math.ceil(c.rate / 10)));
  const endAt = c.duration > 0 ? ctx.startedAt + c.duration * 1000 : Infinity;
  const limit = c.count > 0 ? c.count : Infinity;
  // Events of the whole stream that fill about one batch of this worker.
  const fullBatch = c.batchSize * ctx.workers;
  let lastSendAt = -Infinity;

  while (!shouldStop() && stream.sequence < limit) {
    const now = Date.now();
    if (now >= endAt) break;
    let due = Math.min(pacer.due(now, stream.sequence), limit - stream.sequence);
    // Linger (as Kafka's linger.ms): below a full batch, wait so low rates make fewer, larger
    // requests. The pacer counts from the start, so waiting never lowers the average rate.
    const lingerLeft = lastSendAt + c.lingerMs - now;
    if (due === 0 || (due < fullBatch && lingerLeft > 0)) {
      const wait = due === 0 ? Math.max(lingerLeft, pacer.waitMs(now, stream.sequence)) : lingerLeft;
      await new Promise((r) => setTimeout(r, Math.min(50, Math.max(1, wait))));
      continue;
    }
    lastSendAt = now;
    while (due > 0) {
      const messages: Message[] = [];
      while (due > 0 && messages.length < c.batchSize) {
        const message = stream.step();
        due--;
        if (message) messages.push(message);
      }
      if (messages.length === 0) continue;
      counts.addGenerated(messages.length);
      await sender.send(messages);
    }
  }
  const sendingEndedAt = Date.now();
  await sender.drain();
  return { sendingEndedAt };
}
