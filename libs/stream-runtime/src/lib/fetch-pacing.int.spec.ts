import { createRequire } from 'node:module';
import { RedisCheckpointStore } from '@clickstream/checkpoint';
import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { createMetricsRegistry } from '@clickstream/observability';
import type { Kafka, KafkaConfig } from 'kafkajs';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import { LONG_FETCH_WAIT_MS, SHORT_FETCH_WAIT_MS } from './fetch-pacing';
import { ACCEPTED, type PartitionTask, type RecordOutcome, type TaskCut } from './partition-task';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

jest.setTimeout(120_000);

// The consumer apps' kafkajs, patched as their bundles are: only it lets fetches be paced.
const load = createRequire(__filename);
const { patchKafkajsConsumerSource } = load('../../bundle/kafkajs-consumer-patches.cjs') as { patchKafkajsConsumerSource: (file: string, source: string) => string | undefined };
const { patchedKafkajs } = load('../../../kafka/bundle/kafkajs-patch-harness.cjs') as {
  patchedKafkajs: (patch: typeof patchKafkajsConsumerSource) => { kafkajs: { Kafka: new (config: KafkaConfig) => Kafka }; requireSrc: (relative: string) => unknown };
};

const KiB = 1024;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Output due in `fireIn()` of event time, as the test says; nothing else. */
class PacedTask implements PartitionTask {
  constructor(private readonly fireIn: () => number) {}
  process(): RecordOutcome {
    return ACCEPTED;
  }
  wantsFlush(): boolean {
    return false;
  }
  hasOutput(): boolean {
    return false;
  }
  cut(): TaskCut {
    return { state: '', rows: 0, writes: [] };
  }
  eventTimeToNextFire(): number {
    return this.fireIn();
  }
}

interface SeenFetch {
  readonly maxWaitTime: number;
  readonly minBytes: number;
  readonly partitions: number;
}

describe('fetch pacing with the bundles\' kafkajs, against real Kafka', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it.each([1, 2])('waits long between outputs and short around them, for no more bytes than the request may bring (%i partitions)', async (partitions) => {
    const { kafkajs, requireSrc } = patchedKafkajs(patchKafkajsConsumerSource);
    // What each fetch request asks the broker for (the patched kafkajs' own Broker, not the installed one).
    const Broker = requireSrc('broker/index.js') as { prototype: { fetch: (request: { maxWaitTime: number; minBytes: number; topics: { partitions: unknown[] }[] }) => Promise<unknown> } };
    const send = Broker.prototype.fetch;
    const fetches: SeenFetch[] = [];
    Broker.prototype.fetch = function (request) {
      fetches.push({ maxWaitTime: request.maxWaitTime, minBytes: request.minBytes, partitions: request.topics.reduce((n, t) => n + t.partitions.length, 0) });
      return send.call(this, request);
    };

    const topic = await stack.createTestTopic('it_pacing', { partitions });
    const producer = await stack.producer();
    for (let partition = 0; partition < partitions; partition++) {
      await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition, value: `m${i}` })) });
    }
    let fireIn = Number.POSITIVE_INFINITY;
    const registry = createMetricsRegistry('it_pacing', { defaultMetrics: false });
    const consumer = new CheckpointedPartitionConsumer({
      kafka: new kafkajs.Kafka(stack.kafkaConfig({ clientId: 'it-pacing' })),
      groupId: uniqueName('it_pacing_group'),
      topic,
      store: new RedisCheckpointStore(stack.redis(), stack.redisKeyPrefix('it_pacing').slice(0, -1)),
      tokenNamespace: 'it',
      createTask: () => new PacedTask(() => fireIn),
      checkpointIntervalMs: 60_000,
      maxFlushDelayMs: 60_000,
      sessionTimeoutMs: 10_000,
      logger: silent,
      metrics: createStreamRuntimeMetrics(registry),
      deadLetters: { publish: async (letters) => ({ published: letters.length, refused: [] }) },
    });
    const gauge = async () => (await registry.getSingleMetric('stream_fetch_max_wait_seconds')?.get())?.values[0]?.value;
    // The stack has one broker: every fetch request carries all the topic's partitions.
    const after = (from: number, wait: number) => () => fetches.slice(from).find((f) => f.maxWaitTime === wait && f.partitions === partitions) ?? false;
    await consumer.start();
    try {
      expect(await gauge()).toBe(SHORT_FETCH_WAIT_MS / 1000);
      // Every partition fetched, caught up and with no output due: long waits, for up to 1 MiB.
      const long = await waitFor(after(0, LONG_FETCH_WAIT_MS), { timeoutMs: 60_000, description: 'a long fetch' });
      expect(long.minBytes).toBe(Math.min(1024 * KiB, partitions * 512 * KiB));
      expect(await gauge()).toBe(LONG_FETCH_WAIT_MS / 1000);
      // Output due soon: back to the short wait, for no more than one partition may bring.
      fireIn = 300;
      const short = await waitFor(after(fetches.length, SHORT_FETCH_WAIT_MS), { timeoutMs: 10_000, description: 'a short fetch' });
      expect(short.minBytes).toBe(512 * KiB);
      expect(await gauge()).toBe(SHORT_FETCH_WAIT_MS / 1000);
    } finally {
      await consumer.stop(10_000);
      Broker.prototype.fetch = send;
    }
  });
});
