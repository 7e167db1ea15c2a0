import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import type { RedisCheckpointStore } from '@clickstream/checkpoint';
import { CheckpointedPartitionConsumer } from './checkpointed-partition-consumer';
import { createStreamRuntimeMetrics } from './stream-runtime-metrics';

type Handler = (e: { payload: { error: Error; restart: boolean } }) => void;

/** Just enough of a kafkajs consumer to start ours and emit its CRASH event. */
function fakeKafka() {
  const handlers = new Map<string, Handler>();
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash', DISCONNECT: 'consumer.disconnect' },
    on: (event: string, handler: Handler) => handlers.set(event, handler),
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async () => undefined,
    stop: async () => undefined,
    disconnect: async () => undefined,
  };
  const kafka = { consumer: () => consumer } as unknown as Kafka;
  const crash = (restart: boolean) => handlers.get('consumer.crash')?.({ payload: { error: new Error('Failed to find group coordinator'), restart } });
  return { kafka, crash };
}

async function startConsumer(onFatalCrash: (err: Error) => void) {
  const { kafka, crash } = fakeKafka();
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const consumer = new CheckpointedPartitionConsumer({
    kafka,
    groupId: 'g',
    topic: 't',
    store: {} as RedisCheckpointStore,
    tokenNamespace: 'test',
    createTask: () => {
      throw new Error('no partition is assigned in this test');
    },
    checkpointIntervalMs: 1_000,
    maxFlushDelayMs: 1_000,
    sessionTimeoutMs: 6_000,
    logger,
    metrics: createStreamRuntimeMetrics(new Registry()),
    deadLetters: { publish: async () => ({ published: 0, refused: [] }) },
    onFatalCrash,
  });
  await consumer.start();
  return { consumer, crash, logger };
}

describe('CheckpointedPartitionConsumer on a kafkajs crash', () => {
  it('reports a crash kafkajs will not restart from as fatal, so the app exits for its orchestrator', async () => {
    const fatal = jest.fn();
    const { consumer, crash, logger } = await startConsumer(fatal);
    crash(false);
    expect(fatal).toHaveBeenCalledWith(expect.objectContaining({ message: 'Failed to find group coordinator' }));
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ restart: false }), 'consumer crashed');
    await consumer.stop(1_000);
  });

  it('leaves a crash kafkajs restarts from to kafkajs', async () => {
    const fatal = jest.fn();
    const { consumer, crash } = await startConsumer(fatal);
    crash(true);
    expect(fatal).not.toHaveBeenCalled();
    await consumer.stop(1_000);
  });

  it('ignores crashes while stopping', async () => {
    const fatal = jest.fn();
    const { consumer, crash } = await startConsumer(fatal);
    await consumer.stop(1_000);
    crash(false);
    expect(fatal).not.toHaveBeenCalled();
  });
});
