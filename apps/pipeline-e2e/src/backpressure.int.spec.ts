import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { PipelineScenario, seededTraffic } from './harness/pipeline-scenario';
import { settledTables } from './harness/settled-tables';
import { TcpFaultProxy } from './harness/tcp-fault-proxy';

jest.setTimeout(10 * 60_000);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pipeline: ClickHouse and Redis outages', () => {
  let stack: LocalStack;
  let scenario: PipelineScenario;
  const proxies: TcpFaultProxy[] = [];

  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    await scenario?.close();
    for (const p of proxies) await p.close();
    await stack?.close();
  });

  it('pauses, retries with backoff and catches up without losing or doubling anything', async () => {
    scenario = await PipelineScenario.create(stack, 'outage', 4);
    const clickhouse = await TcpFaultProxy.start(stack.clickhouseUrl);
    const redis = await TcpFaultProxy.start(stack.redisUrl);
    proxies.push(clickhouse, redis);
    const via = ['--clickhouse-url', clickhouse.urlFor(stack.clickhouseUrl), '--redis-url', redis.urlFor(stack.redisUrl)];

    const producing = scenario.produce(seededTraffic(150_000, 31, ['--rate', '7500']));
    const aggregator = scenario.start('aggregator', via);
    const rawSink = scenario.start('raw-sink', via);
    await waitFor(() => aggregator.log().includes('partition claimed') && rawSink.log().includes('partition claimed'), {
      timeoutMs: 60_000,
      description: 'both apps owning partitions',
    });

    await pause(2_000);
    clickhouse.cut();
    await pause(8_000);
    clickhouse.restore();
    await pause(3_000);
    redis.cut();
    await pause(8_000);
    redis.restore();

    await producing;
    const reference = await scenario.reference();
    await settledTables(scenario, reference, () => [aggregator, rawSink], {
      timeoutMs: 180_000,
      description: 'tables equal to the reference after the outages',
    });
    // Both outages were felt (flushes failed and were retried), and survived in-process.
    for (const p of [aggregator, rawSink]) {
      expect(p.log()).toContain('flush failed; retrying with backoff');
      expect(p.running).toBe(true);
    }
    expect(await aggregator.stop()).toBe(0);
    expect(await rawSink.stop()).toBe(0);
  });
});
