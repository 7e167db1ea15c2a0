import { ClickHouseCheckpointLedger, RedisCheckpointStore } from '@clickstream/checkpoint';
import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { createMetricsRegistry } from '@clickstream/observability';
import { applyMigrations, findMigrationsDir } from '@clickstream/schema-bootstrap';
import type { ClickHouseClient } from '@clickhouse/client';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import { ACCEPTED, type ConsumedRecord, type PartitionTask, type RecordOutcome, type TaskCut } from './partition-task';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

jest.setTimeout(180_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const WINDOW = 10;

/** Stands in for ClickHouse: a write lands once per token; `failNext` lands a write and then fails it. */
class DedupSink {
  readonly byToken = new Map<string, { window: number; sum: number }[]>();
  failNext = false;
  failedTokens: string[] = [];
  write(token: string, rows: { window: number; sum: number }[]): Promise<void> {
    if (!this.byToken.has(token)) this.byToken.set(token, rows);
    if (this.failNext) {
      this.failedTokens.push(token);
      return Promise.reject(new Error('ClickHouse went away after the insert landed'));
    }
    return Promise.resolve();
  }
  /** Every window row as landed, across tokens: a window twice = counted twice. */
  windows(): { window: number; sum: number }[] {
    return [...this.byToken.values()].flat().sort((a, b) => a.window - b.window);
  }
}

/**
 * Record i carries the number i; windows of 10 consecutive numbers are summed and emitted when the
 * next window starts. The open window lives only in the state: losing it loses events.
 */
class WindowSumTask implements PartitionTask {
  private open: { window: number; sum: number } | undefined;
  private rows: { window: number; sum: number }[] = [];
  constructor(
    private readonly sink: DedupSink,
    state: string | undefined,
  ) {
    this.open = state ? (JSON.parse(state) as { window: number; sum: number } | undefined) : undefined;
  }
  process(record: ConsumedRecord): RecordOutcome {
    const n = Number(String(record.value));
    const window = Math.floor(n / WINDOW);
    if (this.open && this.open.window !== window) {
      this.rows.push(this.open);
      this.open = undefined;
    }
    this.open = { window, sum: (this.open?.sum ?? 0) + n };
    return ACCEPTED;
  }
  wantsFlush(): boolean {
    return this.rows.length >= 2;
  }
  hasOutput(): boolean {
    return this.rows.length > 0;
  }
  cut(): TaskCut {
    const rows = this.rows;
    this.rows = [];
    return { state: JSON.stringify(this.open ?? null), rows: rows.length, writes: [(token) => this.sink.write(token, rows)] };
  }
}

const expectedWindow = (w: number) => ({ window: w, sum: Array.from({ length: WINDOW }, (_, i) => w * WINDOW + i).reduce((a, b) => a + b, 0) });
const expectedUpTo = (windows: number) => Array.from({ length: windows }, (_, w) => expectedWindow(w));

describe('checkpoint recovery from the durable ledger when Redis loses its data', () => {
  let stack: LocalStack;
  let clickhouse: ClickHouseClient;
  beforeAll(async () => {
    stack = await useLocalStack();
    const database = await stack.createTestDatabase('it_recovery', {
      setup: (ctx) => applyMigrations({ ...ctx, migrationsDir: findMigrationsDir(__dirname) }),
    });
    clickhouse = stack.clickhouse({ database });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  async function setup(name: string, durableSnapshotIntervalMs: number, checkpointIntervalMs = 200) {
    const topic = await stack.createTestTopic(name, { partitions: 1 });
    const producer = await stack.producer();
    let produced = 0;
    const produce = async (count: number) => {
      const messages = Array.from({ length: count }, (_, i) => ({ value: String(produced + i) }));
      produced += count;
      await producer.send({ topic, messages });
    };
    const keyPrefix = stack.redisKeyPrefix(name);
    const namespace = keyPrefix.slice(0, -1);
    const groupId = uniqueName(`${name}_group`);
    const sink = new DedupSink();
    const start = async () => {
      const registry = createMetricsRegistry('it', { defaultMetrics: false });
      const consumer = new CheckpointedPartitionConsumer({
        kafka: stack.kafka(),
        groupId,
        topic,
        store: new RedisCheckpointStore(stack.redis(), namespace),
        ledger: new ClickHouseCheckpointLedger(clickhouse, namespace),
        durableSnapshotIntervalMs,
        tokenNamespace: 'it',
        createTask: (claim) => new WindowSumTask(sink, claim.state),
        checkpointIntervalMs,
        maxFlushDelayMs: checkpointIntervalMs,
        sessionTimeoutMs: 10_000,
        logger: silent,
        metrics: createStreamRuntimeMetrics(registry),
        deadLetters: { publish: async () => ({ published: 0, refused: [] }) },
      });
      await consumer.start();
      const recoveries = async () =>
        Object.fromEntries(((await registry.getSingleMetric('stream_checkpoint_recoveries_total')?.get())?.values ?? []).map((v) => [v.labels['cause'], v.value]));
      return { consumer, recoveries };
    };
    /** What a Redis restarted empty looks like to this namespace (never FLUSHALL the shared Redis). */
    const emptyRedis = async () => {
      const redis = stack.redis();
      const keys = await redis.keys(`${keyPrefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    };
    const claimed = async () => (await stack.redis().keys(`${keyPrefix}*`)).length > 0;
    return { produce, start, sink, emptyRedis, claimed };
  }

  it('restarts after Redis lost everything, including an announced flush, with nothing lost and nothing counted twice', async () => {
    // Snapshot only on the first flush: recovery must replay many ranges silently.
    const { produce, start, sink, emptyRedis } = await setup('it_recover_restart', 3_600_000);
    await produce(200);
    const first = await start();
    await waitFor(() => sink.windows().length === 19, { timeoutMs: 60_000, description: 'windows 0..18 written' });

    // The next flush lands its rows, then fails for good: announced in Redis and the ledger, never committed.
    sink.failNext = true;
    await produce(25);
    await waitFor(() => sink.failedTokens.length > 0, { timeoutMs: 60_000, description: 'a flush landed but failed' });
    await first.consumer.stop(500);
    sink.failNext = false;
    await emptyRedis();

    await produce(75);
    const second = await start();
    try {
      await waitFor(() => sink.windows().length >= 29, { timeoutMs: 60_000, description: 'windows 0..28 written' });
    } finally {
      await second.consumer.stop(10_000);
    }
    expect(sink.windows()).toEqual(expectedUpTo(29));
    expect(await second.recoveries()).toEqual({ claim: 1, lost: 0 });
  });

  it('re-claims through the ledger when Redis is emptied under a running owner, and continues exactly', async () => {
    const { produce, start, sink, emptyRedis } = await setup('it_recover_running', 0);
    await produce(100);
    const running = await start();
    try {
      await waitFor(() => sink.windows().length === 9, { timeoutMs: 60_000, description: 'windows 0..8 written' });
      await emptyRedis();
      await produce(100);
      await waitFor(() => sink.windows().length >= 19, { timeoutMs: 60_000, description: 'windows 0..18 written' });
      expect(await running.recoveries()).toEqual({ claim: 0, lost: 1 });
    } finally {
      await running.consumer.stop(10_000);
    }
    expect(sink.windows()).toEqual(expectedUpTo(19));
  });

  it('starts a partition over when Redis is emptied before its first flush ever committed', async () => {
    // No timed flushes: the first flush comes when output piles up, after the keys are gone.
    const { produce, start, sink, emptyRedis, claimed } = await setup('it_recover_first', 0, 3_600_000);
    await produce(15);
    const running = await start();
    try {
      await waitFor(claimed, { timeoutMs: 60_000, description: 'partition claimed' });
      await emptyRedis();
      await produce(90);
      await waitFor(() => sink.windows().length >= 10, { timeoutMs: 60_000, description: 'windows 0..9 written' });
      expect(await running.recoveries()).toEqual({ claim: 0, lost: 0 });
    } finally {
      await running.consumer.stop(10_000);
    }
    expect(sink.windows()).toEqual(expectedUpTo(10));
  });
});
