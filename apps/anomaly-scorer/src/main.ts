import { createClient } from '@clickhouse/client';
import { readFileSync } from 'node:fs';
import { readConfigOrExit, settingLabel } from '@clickstream/config';
import { createKafkaClient, toKafkaSecurity } from '@clickstream/kafka';
import { endpointOfHostPort, endpointOfUrl, exitOnFatal, GracefulShutdown, listenFailed, requireReachable, withStartupDeadline } from '@clickstream/lifecycle';
import { createLogger, createMetricsRegistry, ObservabilityServer, ProgressCheck } from '@clickstream/observability';
import { anomalyScorerSettings, checkAnomalyScorerConfig } from './anomaly-scorer-config';
import { createAnomalyScorerMetrics, scoringStageObserver } from './anomaly-scorer-metrics';
import { ClickHouseMergedTotalsStore } from './stage/clickhouse-merged-totals-store';
import { KafkaPartitionSource } from './stage/kafka-partition-source';
import { MergedWindowScoringStage } from './stage/merged-window-scoring-stage';

const config = readConfigOrExit('anomaly-scorer', anomalyScorerSettings, checkAnomalyScorerConfig);
const logger = createLogger({ service: 'anomaly-scorer', level: config.logLevel });
const registry = createMetricsRegistry('anomaly-scorer');
const metrics = createAnomalyScorerMetrics(registry);
const clickhouse = createClient({
  url: config.clickhouseUrl,
  database: config.clickhouseDatabase,
  username: config.clickhouseUser,
  password: config.clickhousePassword,
  request_timeout: 30_000,
  ...(config.clickhouseCaFile === '-' ? {} : { tls: { ca_cert: readFileSync(config.clickhouseCaFile) } }),
});
const admin = createKafkaClient({ brokers: config.brokers, clientId: 'clickstream-anomaly-scorer', logger, security: toKafkaSecurity(config) }).admin();
const stage = new MergedWindowScoringStage(
  new ClickHouseMergedTotalsStore(clickhouse, config.topic),
  new KafkaPartitionSource(admin, config.topic),
  {
    topic: config.topic,
    allowedLatenessMs: config.allowedLatenessMs,
    backfillWindows: config.backfillWindows,
    maxWindowsPerStep: 100,
    scorer: {
      historyLength: config.historyLength,
      minHistory: config.minHistory,
      threshold: config.threshold,
      minVolume: config.minVolume,
      minRatio: config.minRatio,
      direction: config.direction,
    },
  },
  scoringStageObserver(metrics),
);

let stopping = false;
let wake: () => void = () => undefined;
let lastStepOk = Date.now();

async function scoreUntilStopped(): Promise<void> {
  while (!stopping) {
    let scored = 0;
    try {
      scored = await stage.step(() => stopping);
      lastStepOk = Date.now();
      if (scored > 0) logger.debug({ scored, lastWindow: stage.lastScoredWindow }, 'windows scored');
    } catch (err) {
      metrics.stepErrors.inc();
      logger.warn({ err }, 'scoring step failed; retried at the next poll');
    }
    // A full step means a backlog: go again at once.
    if (scored < 100 && !stopping) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, config.pollIntervalMs)));
  }
}

const server = new ObservabilityServer({
  host: config.metricsHost,
  port: config.metricsPort,
  registry,
  readiness: [new ProgressCheck('scoring', Math.max(60_000, config.pollIntervalMs * 10), () => true, () => lastStepOk)],
});
let running: Promise<void> = Promise.resolve();

new GracefulShutdown({
  logger,
  timeoutMs: config.shutdownTimeoutMs,
  stop: async () => {
    // Finish the window in hand (its rows and progress row), then close.
    stopping = true;
    wake();
    await running;
    await admin.disconnect();
    await clickhouse.close();
    await server.stop();
    logger.flush();
  },
}).install();

const fatal = exitOnFatal('anomaly-scorer', { debug: config.logLevel === 'debug' });

async function main(): Promise<void> {
  // Start-up failures are one line naming the dependency, its address and the setting to change.
  const clickhouseAt = endpointOfUrl(config.clickhouseUrl, config.clickhouseUrl.startsWith('https:') ? 8443 : 8123);
  const kafkaDep = { service: 'Kafka', address: config.brokers.join(','), setting: settingLabel(anomalyScorerSettings.brokers) };
  const clickhouseDep = { service: 'ClickHouse', address: `${clickhouseAt.host}:${clickhouseAt.port}`, setting: settingLabel(anomalyScorerSettings.clickhouseUrl) };
  await requireReachable([
    { ...kafkaDep, endpoints: config.brokers.map(endpointOfHostPort) },
    { ...clickhouseDep, endpoints: [clickhouseAt] },
  ]);
  await server.start().catch((err: unknown) => {
    throw listenFailed('the metrics server', config.metricsHost, config.metricsPort, settingLabel(anomalyScorerSettings.metricsPort), err);
  });
  await Promise.all([withStartupDeadline(admin.connect(), kafkaDep), withStartupDeadline(clickhouse.query({ query: 'SELECT 1' }).then((r) => r.text()), clickhouseDep)]);
  logger.info({ topic: config.topic, metricsPort: server.port }, 'anomaly-scorer running');
  running = scoreUntilStopped();
  await running;
}

main().catch(fatal);
