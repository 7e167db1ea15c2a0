import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { deleteCheckpointKeys } from './harness/checkpoint-keys';
import { PipelineScenario, seededTraffic } from './harness/pipeline-scenario';
import { settledTables } from './harness/settled-tables';
import { TcpFaultProxy } from './harness/tcp-fault-proxy';

jest.setTimeout(10 * 60_000);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RECOVERED = 'partition recovered from the durable ledger';

describe('pipeline: Redis loses every checkpoint', () => {
  let stack: LocalStack;
  let scenario: PipelineScenario;
  let redis: TcpFaultProxy | undefined;

  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    await scenario?.close();
    await redis?.close();
    await stack?.close();
  });

  it('recovers both apps from the ClickHouse ledger, with tables equal to the reference', async () => {
    scenario = await PipelineScenario.create(stack, 'redis_empty', 4);
    redis = await TcpFaultProxy.start(stack.redisUrl);
    const via = ['--redis-url', redis.urlFor(stack.redisUrl)];
    // Snapshots every 5 s: recoveries restore one and replay the ranges after it silently.
    const snapshots = ['--durable-snapshot-interval-ms', '5000'];

    const producing = scenario.produce(seededTraffic(150_000, 77, ['--rate', '3000']));
    const aggregator = scenario.start('aggregator', [...via, ...snapshots]);
    const rawSink = scenario.start('raw-sink', [...via, ...snapshots]);
    await waitFor(() => aggregator.log().includes('partition claimed') && rawSink.log().includes('partition claimed'), {
      timeoutMs: 60_000,
      description: 'both apps owning partitions',
    });

    // 1. Keys deleted under the running apps: their next flush finds no checkpoint and re-claims.
    await pause(8_000);
    expect(await deleteCheckpointKeys(stack.redis(), scenario.groupSuffix)).toBeGreaterThan(0);
    await waitFor(() => aggregator.log().includes(RECOVERED) && rawSink.log().includes(RECOVERED), {
      timeoutMs: 60_000,
      description: 'both apps recovered their partitions',
    });

    // 2. Redis down for 30 s, and back empty (a restart without its data).
    await pause(3_000);
    redis.cut();
    await pause(30_000);
    await deleteCheckpointKeys(stack.redis(), scenario.groupSuffix);
    redis.restore();

    await producing;
    const reference = await scenario.reference();
    await settledTables(scenario, reference, () => [aggregator, rawSink], {
      timeoutMs: 240_000,
      description: 'tables equal to the reference after Redis lost its data',
    });
    for (const p of [aggregator, rawSink]) {
      expect(p.log()).toContain('checkpoint vanished from Redis; re-claiming');
      expect(p.log().split(RECOVERED).length - 1).toBeGreaterThanOrEqual(2);
    }
    expect(await aggregator.stop()).toBe(0);
    expect(await rawSink.stop()).toBe(0);
  });
});
