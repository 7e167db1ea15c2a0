import { readConfigOrExit, settingLabel } from '@clickstream/config';
import { createKafkaClient, explainKafkaConnectFailure, toKafkaSecurity } from '@clickstream/kafka';
import { endpointOfHostPort, exitOnFatal, GracefulShutdown, listenFailed, requireReachable, withStartupDeadline } from '@clickstream/lifecycle';
import { createLogger, createMetricsRegistry, ObservabilityServer } from '@clickstream/observability';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { ProgressLine } from './cli/progress-line';
import { effectiveWorkerCount } from './partitioning/partition-ownership';
import { fetchPartitionCount } from './partitioning/topic-partition-count';
import { checkProducerConfig, producerSettings } from './producer-config';
import { createProducerMetrics } from './producer-metrics';
import { runSendWorker } from './threads/send-worker';
import { SendWorkerPool } from './threads/send-worker-pool';

/**
 * The main thread owns config, metrics, progress and shutdown; the send threads (this same
 * bundle, started as workers) generate, encode and send.
 */
/** Stack traces of a fatal error only at --log-level debug. */
let debugFatal = false;

async function main(): Promise<void> {
  const config = readConfigOrExit('producer', producerSettings, checkProducerConfig);
  debugFatal = config.logLevel === 'debug';
  const kafkaDep = { service: 'Kafka', address: config.brokers.join(','), setting: settingLabel(producerSettings.brokers) };
  await requireReachable([{ ...kafkaDep, endpoints: config.brokers.map(endpointOfHostPort) }]);
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
  await server.start().catch((err: unknown) => {
    throw listenFailed('the metrics server', config.metricsHost, config.metricsPort, settingLabel(producerSettings.metricsPort), err);
  });

  const kafka = createKafkaClient({ brokers: config.brokers, clientId: 'clickstream-producer', logger, security: toKafkaSecurity(config) });
  const partitionCount = await withStartupDeadline(fetchPartitionCount(kafka, config.topic), kafkaDep).catch((err: unknown) => {
    // A refused login or TLS handshake names the settings to check.
    const why = explainKafkaConnectFailure(err);
    if (!why) throw err;
    process.stderr.write(`producer: ${why}\n`);
    return process.exit(1);
  });
  const workers = effectiveWorkerCount(config.workers, partitionCount, availableParallelism(), config.rate);
  const pool = new SendWorkerPool(
    __filename,
    Array.from({ length: workers }, (_, workerIndex) => ({ config, workerIndex, workers, partitionCount })),
    (counts) => {
      metrics.generated.inc(counts.generated);
      metrics.acked.inc(counts.acked);
      metrics.failed.inc(counts.failed);
      for (const ms of counts.latenciesMs) metrics.requestLatency.observe(ms / 1000);
    },
  );
  metrics.workers.set(workers);
  const finished = pool.finished();

  const shutdown = new GracefulShutdown({
    logger,
    timeoutMs: 30_000,
    // A clean stop keeps an exit code set earlier (1 when sends failed).
    exit: (code) => process.exit(code || Number(process.exitCode ?? 0)),
    stop: async () => {
      pool.stop();
      await finished.catch(() => undefined);
      await server.stop();
      logger.flush();
    },
  }).install();

  await pool.ready();
  connected = true;
  const startedAt = Date.now();
  logger.info({ topic: config.topic, rate: config.rate, duration: config.duration, seed: config.seed, format: config.format, compression: config.compression, workers, partitionCount }, 'producing');
  pool.start(startedAt);
  metrics.targetRate.set(config.rate);

  const showProgress = config.progress === 'on' || (config.progress === 'auto' && process.stdout.isTTY === true);
  const progress = showProgress ? new ProgressLine(process.stdout, startedAt) : undefined;
  const showTotals = () => progress?.update(Date.now(), pool.totals.generated, pool.totals.acked, pool.totals.failed, config.rate);
  const ticker = progress ? setInterval(showTotals, 500) : undefined;
  try {
    await finished;
  } finally {
    clearInterval(ticker);
  }
  showTotals();
  progress?.finish();

  // The rate is over the sending window; the final drain (acks of the last requests) is reported apart.
  const { generated, acked, failed, sendingEndedAt } = pool.totals;
  const seconds = (sendingEndedAt - startedAt) / 1000;
  const drainSeconds = (Date.now() - sendingEndedAt) / 1000;
  const achievedRate = Math.round(generated / Math.max(seconds, 0.001));
  logger.info({ generated, acked, failed, seconds, drainSeconds, achievedRate, workers }, 'producer finished');
  process.stderr.write(
    `producer: ${generated} events in ${seconds.toFixed(2)} s (${achievedRate}/s, asked ${config.rate}/s), ` +
      `acked ${acked}, failed ${failed}, ${workers} send thread${workers === 1 ? '' : 's'}, drained in ${drainSeconds.toFixed(2)} s\n`,
  );
  if (failed > 0) process.exitCode = 1;
  if (!shutdown.isStopping) await shutdown.trigger('finished');
}

const entry = isMainThread ? main : runSendWorker;
entry().catch((err: unknown) => exitOnFatal('producer', { debug: debugFatal })(err));
