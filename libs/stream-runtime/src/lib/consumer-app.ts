import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { ClickHouseCheckpointLedger, createRedisClient, RedisCheckpointStore, redisErrorForLog, type RedisSecurityConfig } from '@clickstream/checkpoint';
import { createKafkaClient, DeadLetterPublisher, toKafkaSecurity, type KafkaSecurityConfig } from '@clickstream/kafka';
import { endpointOfHostPort, endpointOfUrl, GracefulShutdown, listenFailed, requireReachable, withStartupDeadline } from '@clickstream/lifecycle';
import {
  createLogger,
  createMetricsRegistry,
  ObservabilityServer,
  ProgressCheck,
  type Logger,
} from '@clickstream/observability';
import { Partitioners } from 'kafkajs';
import type { Registry } from 'prom-client';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import { dependencySettingLabels } from './consumer-app-settings';
import { fatalCrashLine } from './fatal-crash-line';
import type { PartitionTaskFactory } from './partition-task';
import { PROCESSING_ERROR_REASON, SINK_REFUSED_REASON } from './dead-letter-of';
import { clickhouseTls, connectOrExplain, exitOnSecurityProblems, StartupSecurityError } from './secure-connections';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

/** Settings every checkpointed consumer app has (each app's config object is a superset). */
export interface ConsumerAppSettings extends KafkaSecurityConfig, RedisSecurityConfig {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  readonly clickhouseUrl: string;
  readonly clickhouseDatabase: string;
  readonly clickhouseUser: string;
  readonly clickhousePassword: string;
  readonly clickhouseCaFile: string;
  readonly redisUrl: string;
  readonly checkpointIntervalMs: number;
  readonly durableSnapshotIntervalMs: number;
  readonly sessionTimeoutMs: number;
  readonly fetchMaxBytes: number;
  readonly fetchMaxBytesPerPartition: number;
  readonly skipBatches: readonly string[];
  readonly shutdownTimeoutMs: number;
  readonly metricsHost: string;
  readonly metricsPort: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** What an app gets to build its partition tasks from. */
export interface ConsumerAppContext {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly clickhouse: ClickHouseClient;
}

export interface ConsumerAppDefinition {
  readonly name: string;
  readonly settings: ConsumerAppSettings;
  readonly maxFlushDelayMs: number;
  /** Reasons the tasks may reject with: exported at 0 from the start so alerts see the first. */
  readonly rejectionReasons: readonly string[];
  readonly createTaskFactory: (context: ConsumerAppContext) => PartitionTaskFactory;
}

/**
 * Wires one checkpointed consumer app: clients, /metrics + /healthz + /readyz, the partition
 * consumer, and a bounded graceful stop (stop fetching, flush and checkpoint every partition,
 * leave the group, close clients, exit 0).
 */
export async function runConsumerApp(app: ConsumerAppDefinition): Promise<void> {
  const s = app.settings;
  exitOnSecurityProblems(app.name, s);
  const logger = createLogger({ service: app.name, level: s.logLevel });
  const registry = createMetricsRegistry(app.name);
  const clickhouse = createClient({
    url: s.clickhouseUrl,
    database: s.clickhouseDatabase,
    username: s.clickhouseUser,
    password: s.clickhousePassword === '-' ? '' : s.clickhousePassword,
    ...clickhouseTls(s.clickhouseCaFile),
    request_timeout: 30_000,
    compression: { request: false, response: false },
  });
  const redis = createRedisClient(s.redisUrl, s, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  redis.on('error', (err) => logger.warn({ err: redisErrorForLog(err) }, 'redis connection error'));
  const kafka = createKafkaClient({ brokers: s.brokers, clientId: `clickstream-${app.name}`, logger, security: toKafkaSecurity(s), skipBatches: s.skipBatches });
  const dlqProducer = kafka.producer({ allowAutoTopicCreation: false, metadataMaxAge: 10_000, createPartitioner: Partitioners.DefaultPartitioner });
  const deadLetters = new DeadLetterPublisher(dlqProducer, app.name, s.deadLetterTopic);
  const store = new RedisCheckpointStore(redis, `clickstream:${app.name}:${s.groupId}`);

  const metrics = createStreamRuntimeMetrics(registry, app.name);
  for (const reason of [...app.rejectionReasons, SINK_REFUSED_REASON, PROCESSING_ERROR_REASON]) metrics.rejected.inc({ reason }, 0);
  const consumer = new CheckpointedPartitionConsumer({
    kafka,
    groupId: s.groupId,
    topic: s.topic,
    store,
    // Same database as the outputs: what the ledger says was written is what the tables hold.
    ledger: new ClickHouseCheckpointLedger(clickhouse, `${app.name}:${s.groupId}`),
    durableSnapshotIntervalMs: s.durableSnapshotIntervalMs,
    tokenNamespace: app.name,
    createTask: app.createTaskFactory({ logger, registry, clickhouse }),
    deadLetters,
    checkpointIntervalMs: s.checkpointIntervalMs,
    maxFlushDelayMs: app.maxFlushDelayMs,
    sessionTimeoutMs: s.sessionTimeoutMs,
    fetchMaxBytes: s.fetchMaxBytes,
    fetchMaxBytesPerPartition: s.fetchMaxBytesPerPartition,
    logger,
    metrics,
    onFatalCrash: (err) => void shutdown.trigger(fatalCrashLine(err), 1),
  });

  const progress = new ProgressCheck(
    'progress',
    Math.max(30_000, s.sessionTimeoutMs),
    () => consumer.pendingRecords > 0,
    () => consumer.lastProgress,
  );
  const server = new ObservabilityServer({
    host: s.metricsHost,
    port: s.metricsPort,
    registry,
    readiness: [
      { name: 'kafka', check: () => (consumer.isConnected ? { ready: true } : { ready: false, detail: 'not in the consumer group' }) },
      { name: 'redis', check: () => (redis.status === 'ready' ? { ready: true } : { ready: false, detail: `redis ${redis.status}` }) },
      progress,
    ],
  });

  const shutdown = new GracefulShutdown({
    logger,
    timeoutMs: s.shutdownTimeoutMs,
    stop: async () => {
      await consumer.stop(Math.max(1_000, s.shutdownTimeoutMs - 5_000));
      await dlqProducer.disconnect();
      redis.disconnect();
      await clickhouse.close();
      await server.stop();
      logger.flush();
    },
  }).install();

  // Start-up failures are one line naming the dependency, its address and the setting to change.
  const labels = dependencySettingLabels(app.name);
  const redisAt = endpointOfUrl(s.redisUrl, 6379);
  const clickhouseAt = endpointOfUrl(s.clickhouseUrl, s.clickhouseUrl.startsWith('https:') ? 8443 : 8123);
  const kafkaDep = { service: 'Kafka', address: s.brokers.join(','), setting: labels.brokers };
  const redisDep = { service: 'Redis', address: `${redisAt.host}:${redisAt.port}`, setting: labels.redisUrl };
  const clickhouseDep = { service: 'ClickHouse', address: `${clickhouseAt.host}:${clickhouseAt.port}`, setting: labels.clickhouseUrl };
  await requireReachable([
    { ...kafkaDep, endpoints: s.brokers.map(endpointOfHostPort) },
    { ...clickhouseDep, endpoints: [clickhouseAt] },
    { ...redisDep, endpoints: [redisAt] },
  ]);
  await server.start().catch((err: unknown) => {
    throw listenFailed('the metrics server', s.metricsHost, s.metricsPort, labels.metricsPort, err);
  });
  // A refused login or TLS handshake names the service and its settings (secure-connections.ts).
  await withStartupDeadline(connectOrExplain(app.name, s, { redis, dlqProducer, clickhouse }), kafkaDep).catch((err: unknown) => {
    if (!(err instanceof StartupSecurityError)) throw err;
    logger.error({ err: { name: err.name, message: err.message } }, 'refused by a service at start');
    logger.flush();
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
  await consumer.start();
  logger.info({ topic: s.topic, groupId: s.groupId, metricsPort: server.port }, `${app.name} running`);
}
