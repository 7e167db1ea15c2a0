import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { PipelineScenario, seededTraffic, TRAFFIC_EPOCH_MS, type TableContents } from './harness/pipeline-scenario';
import { settledAnomalies, settledTables } from './harness/settled-tables';

jest.setTimeout(15 * 60_000);

const EVENTS = 200_000;
const SEED = 20_261_124;

describe('pipeline: exactly-once results in ClickHouse', () => {
  let stack: LocalStack;
  const scenarios: PipelineScenario[] = [];
  let uninterrupted: TableContents;

  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const s of scenarios) await s.close();
    await stack?.close();
  });

  it('turns a seeded 200k-event stream over 4 partitions into exact windows, late events, raw rows and the spike anomaly', async () => {
    const scenario = await PipelineScenario.create(stack, 'clean', 4);
    scenarios.push(scenario);
    await scenario.produce(seededTraffic(EVENTS, SEED));
    const reference = await scenario.reference();
    expect(reference.validEventIds).toHaveLength(EVENTS);
    expect(reference.lateEventIds.length).toBeGreaterThan(100);
    expect(reference.windows.length).toBeGreaterThan(500);

    const aggregator = scenario.start('aggregator');
    const rawSink = scenario.start('raw-sink');
    const scorer = scenario.start('anomaly-scorer');
    await settledTables(scenario, reference, () => [aggregator, rawSink, scorer]);
    uninterrupted = await settledAnomalies(scenario, 4, () => [aggregator, rawSink, scorer]);

    // The injected spike (8x /product/2 from 6:00 to 7:00 of event time) is found in its window,
    // once, on the merged total (one row for the page, not one per partition).
    const spikeWindow = TRAFFIC_EPOCH_MS + 6 * 60_000;
    const spikeRows = uninterrupted.anomalies.filter((a) => a.page === '/product/2' && a.windowStart === spikeWindow && a.country === '*');
    expect(spikeRows).toEqual([expect.objectContaining({ kind: 'spike' })]);
    const pageTotal = uninterrupted.windows.filter((w) => w.page === '/product/2' && w.windowStart === spikeWindow).reduce((n, w) => n + w.clicks, 0);
    expect(spikeRows[0]?.observed).toBe(pageTotal);
    const keys = new Set(uninterrupted.anomalies.map((a) => `${a.windowStart}|${a.page}|${a.country}`));
    expect(keys.size).toBe(uninterrupted.anomalies.length);

    expect(await aggregator.stop()).toBe(0);
    expect(await rawSink.stop()).toBe(0);
    expect(await scorer.stop()).toBe(0);
  });

  it('gives identical tables and anomalies when the aggregator, the raw sink and the anomaly scorer are killed with SIGKILL at random moments', async () => {
    const scenario = await PipelineScenario.create(stack, 'kill9', 4);
    scenarios.push(scenario);
    // Produce slowly so the kills land while data is flowing; kill each process only once it owns
    // partitions (it is processing and flushing), at a random moment after that.
    let produced = false;
    const producing = scenario.produce(seededTraffic(EVENTS, SEED, ['--rate', '4000'])).then(() => (produced = true));
    const current = { aggregator: scenario.start('aggregator'), rawSink: scenario.start('raw-sink'), scorer: scenario.start('anomaly-scorer') };
    let kills = 0;
    let seed = 12_345;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const killWhileWorking = async (which: 'aggregator' | 'rawSink' | 'scorer') => {
      const victim = current[which];
      // A consumer claims a partition at its first batch. Once everything is produced, a restarted
      // one may be caught up and get no batch: then being in the group with partitions is enough.
      const working = (log: string) =>
        which === 'scorer' ? log.includes('anomaly-scorer running') : log.includes('partition claimed') || (produced && /"assigned":\[\d/.test(log));
      await waitFor(
        () => {
          if (!working(victim.log())) throw new Error(`not yet; its log ends:\n${victim.tail(8)}`);
        },
        { timeoutMs: 60_000, description: `${victim.app} working` },
      );
      await new Promise((r) => setTimeout(r, 300 + random() * 1_700));
      victim.kill('SIGKILL');
      await victim.exited;
      kills++;
      current[which] = scenario.start(which === 'aggregator' ? 'aggregator' : which === 'scorer' ? 'anomaly-scorer' : 'raw-sink');
    };
    for (let round = 0; round < 6; round++) await Promise.all([killWhileWorking('aggregator'), killWhileWorking('rawSink'), killWhileWorking('scorer')]);
    await producing;
    const reference = await scenario.reference();
    const tables = await settledTables(scenario, reference, () => [current.aggregator, current.rawSink, current.scorer]);
    expect(kills).toBeGreaterThanOrEqual(15);
    // Same seed, same events: the same tables as the uninterrupted run, not only the same reference.
    expect(tables.windows).toEqual(uninterrupted.windows);
    expect(tables.lateEventIds).toEqual(uninterrupted.lateEventIds);
    // The scorer, killed too, wrote exactly the anomalies of the uninterrupted run (each once).
    const scored = await settledAnomalies(scenario, 4, () => [current.aggregator, current.rawSink, current.scorer]);
    expect(scored.anomalies).toEqual(uninterrupted.anomalies);
  });

  it('gives the same result with two aggregator replicas sharing the partitions', async () => {
    const scenario = await PipelineScenario.create(stack, 'replicas', 4);
    scenarios.push(scenario);
    const producing = scenario.produce(seededTraffic(EVENTS, SEED, ['--rate', '20000']));
    const first = scenario.start('aggregator');
    const second = scenario.start('aggregator');
    const rawSink = scenario.start('raw-sink');
    await producing;
    const reference = await scenario.reference();
    const tables = await settledTables(scenario, reference, () => [first, second, rawSink]);
    expect(tables.windows).toEqual(uninterrupted.windows);
  });
});
