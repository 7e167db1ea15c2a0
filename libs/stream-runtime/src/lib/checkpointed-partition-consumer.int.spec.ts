import { RedisCheckpointStore } from '@clickstream/checkpoint';
import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { createMetricsRegistry } from '@clickstream/observability';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import type { DeadLetter } from '@clickstream/kafka';
import { ACCEPTED, type ConsumedRecord, type PartitionTask, type RecordOutcome, type TaskCut } from './partition-task';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

jest.setTimeout(120_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A dead-letter sink that keeps what it is given. */
function collectingLetters(published: DeadLetter[]) {
  return {
    publish: async (letters: readonly DeadLetter[]) => {
      published.push(...letters);
      return { published: letters.length, refused: [] };
    },
  };
}

/**
 * Records which offsets each flush carried and under which token; state = offsets seen so far.
 * Values starting with `bad` are rejected; values starting with `refuse` are written but refused
 * by the (pretend) sink.
 */
class RecordingTask implements PartitionTask {
  private pending: string[] = [];
  private refusing: string[] = [];
  constructor(
    private readonly flushes: { token: string; offsets: string[] }[],
    private seen: number,
  ) {}
  process(record: ConsumedRecord): RecordOutcome {
    this.seen++;
    const value = String(record.value);
    if (value.startsWith('bad')) return { ok: false, reason: 'bad_thing', detail: `saw ${value}` };
    if (value.startsWith('boom')) throw new Error(`task bug on ${value}`);
    if (value.startsWith('refuse')) this.refusing.push(record.offset);
    else this.pending.push(record.offset);
    return ACCEPTED;
  }
  wantsFlush(): boolean {
    return this.pending.length >= 25;
  }
  hasOutput(): boolean {
    return this.pending.length > 0;
  }
  cut(): TaskCut {
    const offsets = this.pending;
    const refused = this.refusing;
    this.pending = [];
    this.refusing = [];
    return {
      state: String(this.seen),
      rows: offsets.length,
      writes: [
        async (token) => {
          this.flushes.push({ token, offsets });
          return { refused: refused.map((offset) => ({ table: 't', row: { offset }, error: 'Cannot parse', sourceOffset: offset })) };
        },
      ],
    };
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
      deadLetters: { publish: async (letters) => ({ published: letters.length, refused: [] }) },
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

  it('dead-letters rejected records, records the task threw on and refused rows within the flush of their range, each once, and the rest flows on', async () => {
    const topic = await stack.createTestTopic('it_runtime_dlq', { partitions: 1 });
    const producer = await stack.producer();
    const values = Array.from({ length: 60 }, (_, i) => (i % 10 === 3 ? `bad${i}` : i % 10 === 7 ? `refuse${i}` : i === 55 ? `boom${i}` : `m${i}`));
    await producer.send({ topic, messages: values.map((value) => ({ value })) });
    const store = new RedisCheckpointStore(stack.redis(), stack.redisKeyPrefix('it_runtime_dlq').slice(0, -1));
    const flushes: { token: string; offsets: string[] }[] = [];
    const published: DeadLetter[] = [];
    const registry = createMetricsRegistry('it_dlq', { defaultMetrics: false });
    const metrics = createStreamRuntimeMetrics(registry, 'it-app');
    const consumer = new CheckpointedPartitionConsumer({
      kafka: stack.kafka(),
      groupId: uniqueName('it_runtime_dlq_group'),
      topic,
      store,
      tokenNamespace: 'it',
      createTask: (claim) => new RecordingTask(flushes, Number(claim.state ?? 0)),
      checkpointIntervalMs: 200,
      maxFlushDelayMs: 200,
      sessionTimeoutMs: 10_000,
      logger: silent,
      metrics,
      deadLetters: collectingLetters(published),
    });
    await consumer.start();
    try {
      await waitFor(() => published.length >= 13 && flushes.flatMap((f) => f.offsets).length >= 47, { timeoutMs: 60_000, description: '47 rows flushed and 13 letters' });
    } finally {
      await consumer.stop(10_000);
    }
    expect(flushes.flatMap((f) => f.offsets)).toEqual(values.flatMap((v, i) => (v.startsWith('m') ? [String(i)] : [])));
    const letters = published.map((l) => [l.source.offset, l.reason]).sort((a, b) => Number(a[0]) - Number(b[0]));
    const reasonOf = (v: string) => (v.startsWith('bad') ? 'bad_thing' : v.startsWith('refuse') ? 'sink_refused' : v.startsWith('boom') ? 'processing_error' : undefined);
    expect(letters).toEqual(values.flatMap((v, i) => (reasonOf(v) ? [[String(i), reasonOf(v)]] : [])));
    expect(published.find((l) => l.reason === 'processing_error')?.detail).toBe('task bug on boom55');
    expect(published.find((l) => l.reason === 'bad_thing')?.value).toEqual(Buffer.from('bad3'));
    expect(published.find((l) => l.reason === 'sink_refused')).toMatchObject({ value: Buffer.from('{"offset":"7"}'), detail: 't: Cannot parse' });
    const rejected = (await metrics.rejected.get()).values;
    expect(rejected.find((v) => v.labels.reason === 'bad_thing')?.value).toBe(6);
    expect(rejected.find((v) => v.labels.reason === 'sink_refused')?.value).toBe(6);
    expect((await metrics.deadLetters.get()).values[0]?.value).toBe(13);
    expect(await store.claim({ topic, partition: 0 })).toMatchObject({ offset: '60', state: '60' });
  });

  it('publishes dead letters within the flush delay, not at the checkpoint interval, when nothing else is buffered', async () => {
    const topic = await stack.createTestTopic('it_runtime_letters', { partitions: 1 });
    const producer = await stack.producer();
    await producer.send({ topic, messages: ['bad0', 'bad1', 'bad2'].map((value) => ({ value })) });
    const published: DeadLetter[] = [];
    const consumer = new CheckpointedPartitionConsumer({
      kafka: stack.kafka(),
      groupId: uniqueName('it_runtime_letters_group'),
      topic,
      store: new RedisCheckpointStore(stack.redis(), stack.redisKeyPrefix('it_runtime_letters').slice(0, -1)),
      tokenNamespace: 'it',
      createTask: (claim) => new RecordingTask([], Number(claim.state ?? 0)),
      // Far beyond the wait below: only the flush delay can publish the letters in time.
      checkpointIntervalMs: 600_000,
      maxFlushDelayMs: 200,
      sessionTimeoutMs: 10_000,
      logger: silent,
      metrics: createStreamRuntimeMetrics(createMetricsRegistry('it_letters', { defaultMetrics: false })),
      deadLetters: collectingLetters(published),
    });
    await consumer.start();
    try {
      await waitFor(() => published.length === 3, { timeoutMs: 30_000, description: '3 letters published' });
    } finally {
      await consumer.stop(10_000);
    }
    expect(published.map((l) => l.source.offset)).toEqual(['0', '1', '2']);
  });

  it("flushes partitions side by side: one partition's stuck flush holds neither the others nor its own order", async () => {
    const topic = await stack.createTestTopic('it_runtime_concurrent', { partitions: 2 });
    const producer = await stack.producer();
    for (const partition of [0, 1]) {
      await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ partition, value: `p${partition}m${i}` })) });
    }
    const store = new RedisCheckpointStore(stack.redis(), stack.redisKeyPrefix('it_runtime_concurrent').slice(0, -1));
    const flushes: { partition: number; token: string; offsets: string[] }[] = [];
    let release = () => undefined as void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    /** Cuts every 25 records; partition 0's first write hangs until released (a slow insert). */
    const taskFor = (partition: number, seen: number): PartitionTask => {
      let pending: string[] = [];
      return {
        process: (record: ConsumedRecord) => {
          seen++;
          pending.push(record.offset);
          return ACCEPTED;
        },
        wantsFlush: () => pending.length >= 25,
        hasOutput: () => pending.length > 0,
        cut: () => {
          const offsets = pending;
          pending = [];
          return {
            state: String(seen),
            rows: offsets.length,
            writes: [
              async (token: string) => {
                if (partition === 0 && held++ === 0) await stuck;
                flushes.push({ partition, token, offsets });
              },
            ],
          };
        },
      };
    };
    const metrics = createStreamRuntimeMetrics(createMetricsRegistry('it_concurrent', { defaultMetrics: false }));
    const consumer = new CheckpointedPartitionConsumer({
      kafka: stack.kafka(),
      groupId: uniqueName('it_runtime_concurrent_group'),
      topic,
      store,
      tokenNamespace: 'it',
      createTask: (claim) => taskFor(claim.ref.partition, Number(claim.state ?? 0)),
      checkpointIntervalMs: 200,
      maxFlushDelayMs: 200,
      sessionTimeoutMs: 10_000,
      flushConcurrency: 2,
      logger: silent,
      metrics,
      deadLetters: { publish: async (letters) => ({ published: letters.length, refused: [] }) },
    });
    // Read without claiming (a claim would fence the consumer under test).
    const redis = stack.redis();
    const checkpointOf = (partition: number) => redis.hgetall(store.keyOf({ topic, partition }));
    const offsetsOf = (partition: number) => flushes.filter((f) => f.partition === partition).flatMap((f) => f.offsets);
    const all = Array.from({ length: 100 }, (_, i) => String(i));
    await consumer.start();
    try {
      // Partition 1 gets everything through while partition 0's first flush hangs...
      await waitFor(async () => offsetsOf(1).length === 100 && (await checkpointOf(1)).offset === '100', {
        timeoutMs: 60_000,
        description: 'partition 1 flushed and checkpointed while partition 0 is stuck',
      });
      expect(offsetsOf(0)).toEqual([]);
      // ...and partition 0, due again while its flush is in flight, paused instead of cutting a second range.
      await waitFor(async () => ((await metrics.flushWaits.get()).values[0]?.value ?? 0) > 0, { timeoutMs: 30_000, description: 'partition 0 paused for its flush' });
      const stuckCheckpoint = await checkpointOf(0);
      expect(stuckCheckpoint.offset).toBeUndefined();
      expect(stuckCheckpoint).toMatchObject({ pendingFrom: '0', pendingTo: '25' });
      release();
      await waitFor(() => offsetsOf(0).length === 100, { timeoutMs: 60_000, description: 'partition 0 flushed after its stuck write landed' });
    } finally {
      release();
      await consumer.stop(10_000);
    }
    for (const partition of [0, 1]) {
      // Each record once, in order, in contiguous ranges named by their tokens.
      expect(offsetsOf(partition)).toEqual(all);
      let from = 0;
      for (const f of flushes.filter((f) => f.partition === partition)) {
        const to = from + f.offsets.length;
        expect(f.token).toBe(`it:${topic}:${partition}:${from}-${to}`);
        from = to;
      }
      expect(await store.claim({ topic, partition })).toMatchObject({ offset: '100', state: '100', pending: undefined });
    }
  });
});
