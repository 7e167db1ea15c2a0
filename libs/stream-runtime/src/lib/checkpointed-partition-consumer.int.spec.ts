import { RedisCheckpointStore } from '@clickstream/checkpoint';
import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { createMetricsRegistry } from '@clickstream/observability';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import type { ConsumedRecord, PartitionTask, TaskCut } from './partition-task';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

jest.setTimeout(120_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Records which offsets each flush carried and under which token; state = offsets seen so far. */
class RecordingTask implements PartitionTask {
  private pending: string[] = [];
  constructor(
    private readonly flushes: { token: string; offsets: string[] }[],
    private seen: number,
  ) {}
  process(record: ConsumedRecord): void {
    this.pending.push(record.offset);
    this.seen++;
  }
  wantsFlush(): boolean {
    return this.pending.length >= 25;
  }
  hasOutput(): boolean {
    return this.pending.length > 0;
  }
  cut(): TaskCut {
    const offsets = this.pending;
    this.pending = [];
    return { state: String(this.seen), rows: offsets.length, writes: [async (token) => void this.flushes.push({ token, offsets })] };
  }
}

describe('CheckpointedPartitionConsumer against real Kafka and Redis', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('resumes from the checkpoint and replays an announced-but-uncommitted flush with its original range', async () => {
    const topic = await stack.createTestTopic('it_runtime', { partitions: 1 });
    const producer = await stack.producer();
    await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ value: `m${i}` })) });

    // A previous owner committed offsets up to 10, then announced (10, 37] and died before committing.
    const namespace = stack.redisKeyPrefix('it_runtime').slice(0, -1);
    const store = new RedisCheckpointStore(stack.redis(), namespace);
    const ref = { topic, partition: 0 };
    const previous = await store.claim(ref);
    await store.commit(ref, previous.epoch, '10', '10');
    await store.beginFlush(ref, previous.epoch, { fromOffset: '10', toOffset: '37' });

    const flushes: { token: string; offsets: string[] }[] = [];
    const claimedStates: (string | undefined)[] = [];
    const consumer = new CheckpointedPartitionConsumer({
      kafka: stack.kafka(),
      groupId: uniqueName('it_runtime_group'),
      topic,
      store,
      tokenNamespace: 'it',
      createTask: (claim) => {
        claimedStates.push(claim.state);
        return new RecordingTask(flushes, Number(claim.state ?? 0));
      },
      checkpointIntervalMs: 200,
      maxFlushDelayMs: 200,
      sessionTimeoutMs: 10_000,
      logger: silent,
      metrics: createStreamRuntimeMetrics(createMetricsRegistry('it', { defaultMetrics: false })),
    });
    await consumer.start();
    try {
      await waitFor(() => flushes.flatMap((f) => f.offsets).length === 90, { timeoutMs: 60_000, description: 'offsets 10..99 flushed' });
    } finally {
      await consumer.stop(10_000);
    }

    expect(claimedStates).toEqual(['10']);
    // First the replay, exactly (10, 37], with the token the crashed owner would have used.
    expect(flushes[0]).toEqual({ token: `it:${topic}:0:10-37`, offsets: Array.from({ length: 27 }, (_, i) => String(10 + i)) });
    // Then everything after, once, in order; nothing below the checkpoint.
    expect(flushes.flatMap((f) => f.offsets)).toEqual(Array.from({ length: 90 }, (_, i) => String(10 + i)));
    const after = await store.claim(ref);
    expect(after).toMatchObject({ offset: '100', state: '100', pending: undefined });
  });
});
