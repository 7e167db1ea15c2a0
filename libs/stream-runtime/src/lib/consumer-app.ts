import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { ClickHouseCheckpointLedger, RedisCheckpointStore } from '@clickstream/checkpoint';
import { createKafkaClient, DeadLetterPublisher } from '@clickstream/kafka';
import { GracefulShutdown } from '@clickstream/lifecycle';
import {
  createLogger,
  createMetricsRegistry,
  ObservabilityServer,
  ProgressCheck,
  type Logger,
} from '@clickstream/observability';
import { Redis } from 'ioredis';
import { Partitioners } from 'kafkajs';
import type { Registry } from 'prom-client';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import { fatalCrashLine } from './fatal-crash-line';
import type { PartitionTaskFactory } from './partition-task';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

/** Settings every checkpointed consumer app has (each app's config object is a superset). */
export interface ConsumerAppSettings {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  readonly clickhouseUrl: string;
  readonly clickhouseDatabase: string;
  readonly clickhouseUser: string;
  readonly clickhousePassword: string;
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
  readonly deadLetters: DeadLetterPublisher;
}

export interface ConsumerAppDefinition {
  readonly name: string;
  readonly settings: ConsumerAppSettings;
  readonly maxFlushDelayMs: number;
  readonly createTaskFactory: (context: ConsumerAppContext) => PartitionTaskFactory;
}

/**
 * Wires one checkpointed consumer app: clients, /metrics + /healthz + /readyz, the partition
 * consumer, and a bounded graceful stop (stop fetching, flush and checkpoint every partition,
 * leave the group, close clients, exit 0).
 */
export async function runConsumerApp(app: ConsumerAppDefinition): Promise<void> {
  const s = app.settings;
  const logger = createLogger({ service: app.name, level: s.logLevel });
  const registry = createMetricsRegistry(app.name);
  const clickhouse = createClient({
    url: s.clickhouseUrl,
    database: s.clickhouseDatabase,
    username: s.clickhouseUser,
    password: s.clickhousePassword === '-' ? '' : s.clickhousePassword,
    request_timeout: 30_000,
    compression: { request: false, response: false },
  });
  const redis = new Redis(s.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const kafka = createKafkaClient({ brokers: s.brokers, clientId: `clickstream-${app.name}`, logger, skipBatches: s.skipBatches });
  const dlqProducer = kafka.producer({ allowAutoTopicCreation: false, metadataMaxAge: 10_000, createPartitioner: Partitioners.DefaultPartitioner });
  const deadLetters = new DeadLetterPublisher(dlqProducer, app.name, s.deadLetterTopic);
  const store = new RedisCheckpointStore(redis, `clickstream:${app.name}:${s.groupId}`);

  const consumer = new CheckpointedPartitionConsumer({
    kafka,
    groupId: s.groupId,
    topic: s.topic,
    store,
    // Same database as the outputs: what the ledger says was written is what the tables hold.
    ledger: new ClickHouseCheckpointLedger(clickhouse, `${app.name}:${s.groupId}`),
    durableSnapshotIntervalMs: s.durableSnapshotIntervalMs,
    tokenNamespace: app.name,
    createTask: app.createTaskFactory({ logger, registry, clickhouse, deadLetters }),
    checkpointIntervalMs: s.checkpointIntervalMs,
    maxFlushDelayMs: app.maxFlushDelayMs,
    sessionTimeoutMs: s.sessionTimeoutMs,
    fetchMaxBytes: s.fetchMaxBytes,
    fetchMaxBytesPerPartition: s.fetchMaxBytesPerPartition,
    logger,
    metrics: createStreamRuntimeMetrics(registry),
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

  await server.start();
  await Promise.all([redis.connect(), dlqProducer.connect(), clickhouse.ping()]);
  await consumer.start();
  logger.info({ topic: s.topic, groupId: s.groupId, metricsPort: server.port }, `${app.name} running`);
}
