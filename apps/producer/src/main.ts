import { readConfigOrExit } from '@clickstream/config';
import { createKafkaClient } from '@clickstream/kafka';
import { Partitioners } from 'kafkajs';
import { GracefulShutdown } from '@clickstream/lifecycle';
import { createLogger, createMetricsRegistry, ObservabilityServer } from '@clickstream/observability';
import { checkProducerConfig, producerSettings } from './producer-config';
import { createProducerMetrics } from './producer-metrics';
import { runProducer } from './producer-run';

async function main(): Promise<void> {
  const config = readConfigOrExit('producer', producerSettings, checkProducerConfig);
  const logger = createLogger({ service: 'producer', level: config.logLevel });
  const registry = createMetricsRegistry('producer');
  const metrics = createProducerMetrics(registry);
  let connected = false;
  const server = new ObservabilityServer({
    host: config.metricsHost,
    port: config.metricsPort,
    registry,
    readiness: [{ name: 'kafka', check: () => ({ ready: connected, detail: connected ? undefined : 'not connected' }) }],
  });
  await server.start();

  const kafka = createKafkaClient({ brokers: config.brokers, clientId: 'clickstream-producer', logger });
  // The Java-compatible murmur2 partitioner: the same key lands on the same partition as with any
  // other Kafka client.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    maxInFlightRequests: config.maxInFlight,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let stopRequested = false;
  let finished: Promise<unknown> = Promise.resolve();

  const shutdown = new GracefulShutdown({
    logger,
    timeoutMs: 30_000,
    // A clean stop keeps an exit code set earlier (1 when sends failed).
    exit: (code) => process.exit(code || Number(process.exitCode ?? 0)),
    stop: async () => {
      stopRequested = true;
      await finished.catch(() => undefined);
      await producer.disconnect();
      await server.stop();
      logger.flush();
    },
  }).install();

  await producer.connect();
  connected = true;
  logger.info({ topic: config.topic, rate: config.rate, duration: config.duration, seed: config.seed, format: config.format }, 'producing');
  const run = runProducer(config, producer, metrics, logger, () => stopRequested);
  finished = run;
  const summary = await run;
  logger.info(summary, 'producer finished');
  process.stderr.write(
    `producer: ${summary.generated} events in ${summary.seconds.toFixed(1)} s ` +
      `(${summary.achievedRate}/s, asked ${config.rate}/s), acked ${summary.acked}, failed ${summary.failed}\n`,
  );
  if (summary.failed > 0) process.exitCode = 1;
  if (!shutdown.isStopping) await shutdown.trigger('finished');
}

main().catch((err: unknown) => {
  process.stderr.write(`producer: fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
