import { createKafkaClient, toKafkaSecurity } from '@clickstream/kafka';
import { createLogger } from '@clickstream/observability';
import { Partitioners } from 'kafkajs';
import { parentPort, workerData } from 'node:worker_threads';
import { runSendLoop } from '../sending/send-loop';
import { SendCountsBuffer } from './send-counts-buffer';
import type { FromWorker, SendWorkerData, ToWorker } from './worker-protocol';

/** How often a worker hands its counts to the main thread's metrics. */
const REPORT_INTERVAL_MS = 250;

/**
 * Body of one send thread: its own kafkajs producer (own connection, own encoding CPU) for the
 * partitions it owns. Connects, says ready, sends from the common start instant until done or
 * told to stop, drains every in-flight request, disconnects, and reports its last counts.
 */
export async function runSendWorker(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runSendWorker must run in a worker thread');
  const data = workerData as SendWorkerData;
  const c = data.config;
  const post = (message: FromWorker) => port.postMessage(message);
  const logger = createLogger({ service: 'producer', level: c.logLevel }).child({ worker: data.workerIndex });

  let stopRequested = false;
  // Resolves with the start instant, or undefined when told to stop before starting.
  const started = new Promise<number | undefined>((resolve) => {
    port.on('message', (message: ToWorker) => {
      if (message.type === 'start') resolve(message.startedAt);
      else {
        stopRequested = true;
        resolve(undefined);
      }
    });
  });

  const kafka = createKafkaClient({ brokers: c.brokers, clientId: `clickstream-producer-${data.workerIndex}`, logger, security: toKafkaSecurity(c) });
  // Partitions are set on every message; the partitioner only matters if one were missing.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    maxInFlightRequests: c.maxInFlight,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  post({ type: 'ready' });

  const startedAt = await started;
  const counts = new SendCountsBuffer();
  let sendingEndedAt = Date.now();
  const reporter = setInterval(() => post({ type: 'report', ...counts.take() }), REPORT_INTERVAL_MS);
  try {
    if (startedAt !== undefined) {
      const ctx = { workerIndex: data.workerIndex, workers: data.workers, partitionCount: data.partitionCount, startedAt };
      ({ sendingEndedAt } = await runSendLoop(c, ctx, producer, counts, logger, () => stopRequested));
    }
  } finally {
    clearInterval(reporter);
    await producer.disconnect();
  }
  post({ type: 'done', sendingEndedAt, ...counts.take() });
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  port.close();
}
