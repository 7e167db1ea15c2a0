import { loadConfig } from '@clickstream/config';
import { encodeClickEventAvro } from '@clickstream/event-schema';
import { findWorkspaceRoot, LocalStack, STACK_START_TIMEOUT_MS, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { OwnedMessageStream } from './partitioning/owned-message-stream';
import { producerSettings } from './producer-config';
import { trafficProfileOf } from './traffic/profile-from-config';
import { TrafficGenerator } from './traffic/traffic-generator';

jest.setTimeout(120_000);

const PARTITIONS = 4;

const children: ReturnType<typeof spawn>[] = [];

/** The real bundle (built by this project's build target) as a child process; killed after each test. */
function runBundle(args: string[]) {
  const child = spawn(process.execPath, [path.join(findWorkspaceRoot(), 'dist/apps/producer/main.js'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  children.push(child);
  return { child, exited, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every message value of `topic`, per partition in offset order. */
async function readTopic(stack: LocalStack, topic: string, total: number): Promise<Map<number, string[]>> {
  const perPartition = new Map<number, string[]>();
  let seen = 0;
  const consumer = await stack.consumer();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const list = perPartition.get(partition) ?? [];
      list.push((message.value as Buffer).toString('hex'));
      perPartition.set(partition, list);
      seen++;
    },
  });
  await waitFor(() => seen >= total, { timeoutMs: 60_000, description: `${total} messages in ${topic}` });
  await consumer.stop();
  return perPartition;
}

async function messagesIn(stack: LocalStack, topic: string): Promise<number> {
  const admin = await stack.admin();
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
}

describe('producer bundle with several send threads', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(() => stack?.close());

  it('writes each partition in generation order, exactly as one thread would: a seed reproduces the topic', async () => {
    const topic = await stack.createTestTopic('producer_threads', { partitions: PARTITIONS });
    const startTime = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
    const flags = ['--count', '6000', '--rate', '50000', '--event-rate', '500', '--start-time', startTime, '--seed', '11', '--users', '700', '--batch-size', '500'];
    const run = runBundle(['--brokers', stack.kafkaBrokers.join(','), '--topic', topic, '--workers', '3', '--metrics-port', '0', '--progress', 'off', ...flags]);
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toMatch(/producer: 6000 events .* acked 6000, failed 0, 3 send threads/);

    const config = loadConfig(producerSettings, { app: 'producer', argv: flags, env: {} });
    const expected = new Map<number, string[]>();
    const stream = new OwnedMessageStream(new TrafficGenerator(trafficProfileOf(config, 0)), config.users, {
      topic, key: 'user_id', partitionCount: PARTITIONS, workers: 1, workerIndex: 0, encode: (e) => encodeClickEventAvro(e),
    });
    for (let i = 0; i < 6000; i++) {
      const m = stream.step();
      if (!m) throw new Error('a single worker owns every event');
      expected.set(m.partition as number, [...(expected.get(m.partition as number) ?? []), (m.value as Buffer).toString('hex')]);
    }
    const actual = await readTopic(stack, topic, 6000);
    for (let p = 0; p < PARTITIONS; p++) expect(actual.get(p)).toEqual(expected.get(p));
  });

  it('serves the summed metrics of all threads, and on SIGTERM drains every thread and exits 0', async () => {
    const topic = await stack.createTestTopic('producer_sigterm', { partitions: PARTITIONS });
    const port = await freePort();
    const run = runBundle(['--brokers', stack.kafkaBrokers.join(','), '--topic', topic, '--workers', '2', '--rate', '3000', '--metrics-port', String(port), '--progress', 'off']);
    const metrics = await waitFor(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const acked = Number(/^producer_events_acked_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
        return acked >= 1000 && text;
      },
      { timeoutMs: 30_000, description: '1000 acked events in /metrics' },
    );
    expect(metrics).toMatch(/^producer_send_workers(\{[^}]*\})? 2$/m);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const acked = Number(/acked (\d+), failed 0, 2 send threads/.exec(run.stderr())?.[1]);
    expect(acked).toBeGreaterThanOrEqual(1000);
    expect(await messagesIn(stack, topic)).toBe(acked);
  });
});
