import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { Redis, type RedisOptions } from 'ioredis';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type KafkaConfig,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import { registerKafkaCodecs } from '@clickstream/kafka';
import { ensureLocalStack, ensureSecureLocalStack, STACK_START_TIMEOUT_MS } from './start-local-stack';
import { readSecureStackEndpoints } from './secure-stack';
import { readStackEndpoints, type StackEndpoints, type StackSecurity } from './stack-endpoints';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

export interface TestTopicOptions {
  partitions?: number;
  configEntries?: Record<string, string>;
}

export interface TestDatabaseOptions {
  /**
   * Runs after the database is created, e.g. to apply the migrations:
   *   setup: ({ client, database }) => applyMigrations({ client, database, migrationsDir: findMigrationsDir() })
   * (kept as a hook so this lib does not depend on schema-bootstrap, whose own tests use this lib).
   */
  setup?: (context: { client: ClickHouseClient; database: string }) => Promise<unknown>;
}

/** Set to 1 to keep the topics, databases and keys a test created, to look at them after a failure. */
const KEEP_ENV = 'CLICKSTREAM_KEEP_TEST_DATA';

/** Bounds a shutdown step: kafkajs' disconnect() can hang during a reconnect. */
async function withinMs<T>(ms: number, what: string, step: Promise<T>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      process.stderr.write(`[integration-testing] ${what} did not finish within ${ms} ms; moving on\n`);
      resolve();
    }, ms);
  });
  await Promise.race([step.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connection info and client factories for one test file. Everything created through it (clients,
 * topics, databases, Redis keys) is closed or removed by `close()`, meant for `afterAll`.
 */
export class LocalStack implements StackEndpoints {
  readonly kafkaBrokers: string[];
  readonly clickhouseUrl: string;
  readonly redisUrl: string;
  readonly security: StackSecurity | undefined;

  private readonly kafkaClients: (Producer | Consumer | Admin)[] = [];
  private readonly clickhouseClients: ClickHouseClient[] = [];
  private readonly redisClients: Redis[] = [];
  private readonly topics: string[] = [];
  private readonly databases: string[] = [];
  private readonly redisPrefixes: string[] = [];
  private closed = false;

  constructor(endpoints: StackEndpoints) {
    this.kafkaBrokers = endpoints.kafkaBrokers;
    this.clickhouseUrl = endpoints.clickhouseUrl;
    this.redisUrl = endpoints.redisUrl;
    this.security = endpoints.security;
  }

  /** What an app process needs in its environment to reach this stack (empty for the plain stack). */
  get appEnv(): Record<string, string> {
    return this.security?.appEnv ?? {};
  }

  /** A kafkajs client for the stack, reading every codec; quiet (errors only) unless `logLevel` says otherwise. */
  kafka(config: Partial<KafkaConfig> = {}): Kafka {
    registerKafkaCodecs();
    return new Kafka(this.kafkaConfig(config));
  }

  /** The config `kafka()` builds its client from: for a client of another kafkajs (e.g. the bundles' patched one). */
  kafkaConfig(config: Partial<KafkaConfig> = {}): KafkaConfig {
    return { clientId: 'integration-test', brokers: this.kafkaBrokers, logLevel: logLevel.ERROR, ...this.security?.kafka, ...config };
  }

  async admin(kafkaConfig: Partial<KafkaConfig> = {}): Promise<Admin> {
    const admin = this.kafka(kafkaConfig).admin();
    this.kafkaClients.push(admin);
    await admin.connect();
    return admin;
  }

  /** A connected producer; the default partitioner is kafkajs' current one, named to silence its warning. */
  async producer(config: ProducerConfig = {}, kafkaConfig: Partial<KafkaConfig> = {}): Promise<Producer> {
    const producer = this.kafka(kafkaConfig).producer({ createPartitioner: Partitioners.DefaultPartitioner, ...config });
    this.kafkaClients.push(producer);
    await producer.connect();
    return producer;
  }

  /**
   * A connected consumer; a unique group id unless one is given. Fetches wait at most 500 ms for data
   * (kafkajs' default is 5 s), because disconnect() waits for the fetch in flight: tests end faster.
   */
  async consumer(config: Partial<ConsumerConfig> = {}, kafkaConfig: Partial<KafkaConfig> = {}): Promise<Consumer> {
    const consumer = this.kafka(kafkaConfig).consumer({ groupId: uniqueName('group'), maxWaitTimeInMs: 500, ...config });
    this.kafkaClients.push(consumer);
    await consumer.connect();
    return consumer;
  }

  clickhouse(options: Omit<ClickHouseClientConfigOptions, 'url'> = {}): ClickHouseClient {
    const client = createClient({ url: this.clickhouseUrl, request_timeout: 60_000, ...this.security?.clickhouse, ...options });
    this.clickhouseClients.push(client);
    return client;
  }

  redis(options: RedisOptions = {}): Redis {
    const client = new Redis(this.redisUrl, { maxRetriesPerRequest: 2, ...this.security?.redis, ...options });
    this.redisClients.push(client);
    return client;
  }

  /** A key prefix (ending in ':') owned by this test; its keys are deleted by close(). */
  redisKeyPrefix(prefix = 'test'): string {
    const keyPrefix = `${uniqueName(prefix)}:`;
    this.redisPrefixes.push(keyPrefix);
    return keyPrefix;
  }

  /** Creates a topic with a unique name (waits for its leaders); deleted by close(). */
  async createTestTopic(prefix = 'topic', options: TestTopicOptions = {}): Promise<string> {
    const topic = uniqueName(prefix);
    const admin = await this.admin();
    const partitions = options.partitions ?? 1;
    await admin.createTopics({
      // kafkajs' own wait gives up at once on UNKNOWN_TOPIC_OR_PARTITION, which a loaded KRaft broker
      // answers until its metadata cache has the new topic: poll for the leaders instead.
      waitForLeaders: false,
      topics: [
        {
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: Object.entries(options.configEntries ?? {}).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    this.topics.push(topic);
    await waitFor(
      async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const meta = topics[0]?.partitions ?? [];
        return meta.length === partitions && meta.every((p) => p.leader >= 0);
      },
      { timeoutMs: 60_000, intervalMs: 200, description: `leaders of the ${partitions} partitions of ${topic}` },
    );
    return topic;
  }

  /** Creates a database with a unique name, optionally fills it (see TestDatabaseOptions); dropped by close(). */
  async createTestDatabase(prefix = 'db', options: TestDatabaseOptions = {}): Promise<string> {
    const database = uniqueName(prefix);
    const client = this.clickhouse();
    await client.command({ query: `CREATE DATABASE \`${database}\`` });
    this.databases.push(database);
    await options.setup?.({ client, database });
    return database;
  }

  /** Disconnects every client and removes what the test created (unless CLICKSTREAM_KEEP_TEST_DATA=1). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const keep = process.env[KEEP_ENV] === '1';
    const errors: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    };

    await Promise.all(this.kafkaClients.map((c) => withinMs(10_000, 'kafka disconnect', c.disconnect())));
    if (!keep && this.topics.length > 0) {
      const admin = this.kafka().admin();
      await attempt(async () => {
        await admin.connect();
        await admin.deleteTopics({ topics: this.topics });
      });
      await withinMs(10_000, 'kafka admin disconnect', admin.disconnect());
    }
    if (!keep && this.databases.length > 0) {
      const client = this.clickhouse();
      for (const database of this.databases) {
        await attempt(() => client.command({ query: `DROP DATABASE IF EXISTS \`${database}\` SYNC` }));
      }
    }
    if (!keep && this.redisPrefixes.length > 0) {
      const client = this.redis();
      for (const keyPrefix of this.redisPrefixes) {
        await attempt(async () => {
          for await (const keys of client.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
            if ((keys as string[]).length > 0) await client.del(...(keys as string[]));
          }
        });
      }
    }
    // Closing ClickHouse clients matters: idle keep-alive sockets delay a ClickHouse shutdown.
    await Promise.all(this.clickhouseClients.map((c) => attempt(() => c.close())));
    await Promise.all(
      this.redisClients.map((c) =>
        attempt(async () => {
          if (c.status === 'end') return;
          await c.quit().catch(() => c.disconnect());
        }),
      ),
    );
    if (errors.length > 0) throw new AggregateError(errors, `LocalStack.close(): ${errors.length} cleanup step(s) failed`);
  }
}

export interface UseLocalStackOptions {
  /** How long starting the stack may take (default 10 min: a cold start fetches Kafka). */
  startTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * The entry point of integration tests:
 *   let stack: LocalStack;
 *   beforeAll(async () => { stack = await useLocalStack(); }, STACK_START_TIMEOUT_MS);
 *   afterAll(() => stack.close());
 * Starts the stack when it is not answering (tools/scripts/stack.sh up), then hands out clients.
 */
export async function useLocalStack(options: UseLocalStackOptions = {}): Promise<LocalStack> {
  const endpoints = readStackEndpoints(options.env);
  await ensureLocalStack(endpoints, options.startTimeoutMs ?? STACK_START_TIMEOUT_MS);
  return new LocalStack(endpoints);
}

/**
 * The secure stack (`stack:up -- --secure`: SASL_SSL Kafka, TLS Redis with ACL users, ClickHouse
 * users), started when it does not answer. The harness's own clients use the admin credentials;
 * app processes get `appEnv` (the apps' least-privilege users).
 */
export async function useSecureLocalStack(options: UseLocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  await ensureSecureLocalStack(() => readSecureStackEndpoints(env), options.startTimeoutMs ?? STACK_START_TIMEOUT_MS);
  const endpoints = readSecureStackEndpoints(env);
  if (!endpoints) throw new Error('the secure stack wrote no env file');
  return new LocalStack(endpoints);
}
