import { logLevel, type KafkaMessage } from 'kafkajs';
import { STACK_START_TIMEOUT_MS } from './start-local-stack';
import { useLocalStack, type LocalStack } from './local-stack';
import { waitFor } from './wait-for';

jest.setTimeout(60_000);

describe('local stack: Kafka', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('produces to and consumes from a unique topic', async () => {
    const topic = await stack.createTestTopic('it_kafka', { partitions: 2 });
    const producer = await stack.producer();
    await producer.send({
      topic,
      messages: [1, 2, 3].map((n) => ({ key: `user-${n}`, value: JSON.stringify({ n }) })),
    });

    const received: KafkaMessage[] = [];
    const consumer = await stack.consumer();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });

    await waitFor(() => received.length === 3, { description: '3 messages consumed', timeoutMs: 30_000 });
    expect(received.map((m) => JSON.parse(String(m.value)).n).sort()).toEqual([1, 2, 3]);
  });

  it('supports transactions: committed records are read, aborted ones are not', async () => {
    const topic = await stack.createTestTopic('it_txn');
    // Right after abort() the coordinator is still writing the abort markers, so the next
    // transaction's AddPartitionsToTxn gets CONCURRENT_TRANSACTIONS once; kafkajs retries it but logs
    // it as an ERROR, hence a silent client here.
    const producer = await stack.producer(
      { transactionalId: `${topic}-tx`, maxInFlightRequests: 1, idempotent: true },
      { logLevel: logLevel.NOTHING },
    );

    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted' }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'committed' }] });
    await committed.commit();

    const values: string[] = [];
    const consumer = await stack.consumer(); // kafkajs reads committed records only by default
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
    await waitFor(() => values.length >= 1, { description: 'the committed record', timeoutMs: 30_000 });
    expect(values).toEqual(['committed']);
  });

  it('has the stack topics, web.clicks partitioned as configured', async () => {
    const admin = await stack.admin();
    const { topics } = await admin.fetchTopicMetadata({ topics: ['web.clicks', 'web.clicks.dlq'] });
    const partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
    expect(partitions['web.clicks']).toBe(Number(process.env['CLICKSTREAM_CLICKS_PARTITIONS'] ?? 4));
    expect(partitions['web.clicks.dlq']).toBe(1);
  });
});
