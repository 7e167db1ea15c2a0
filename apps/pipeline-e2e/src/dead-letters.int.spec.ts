import { DEAD_LETTER_HEADERS } from '@clickstream/kafka';
import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { PipelineScenario, seededTraffic, TRAFFIC_EPOCH_MS } from './harness/pipeline-scenario';

jest.setTimeout(10 * 60_000);

const MALFORMED: { value: Buffer; reason: string }[] = [
  { value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]), reason: 'unknown_format' },
  { value: Buffer.from('{"event_id": "oops", '), reason: 'json_parse_error' },
  {
    value: Buffer.from(JSON.stringify({ event_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', ts: TRAFFIC_EPOCH_MS, page: '/', referrer: '', country: 'US', device: 'mobile' })),
    reason: 'missing_field',
  },
  {
    value: Buffer.from(JSON.stringify({ event_id: '7c9e6679-7425-40de-944b-e07fc1f90ae8', user_id: 'u1', ts: 42, page: '/', referrer: '', country: 'US', device: 'mobile' })),
    reason: 'ts_too_old',
  },
];

describe('pipeline: malformed messages', () => {
  let stack: LocalStack;
  let scenario: PipelineScenario;

  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    await scenario?.close();
    await stack?.close();
  });

  it('routes each to the dead-letter topic with its reason and leaves the results untouched', async () => {
    scenario = await PipelineScenario.create(stack, 'dlq', 2);
    await scenario.produce(seededTraffic(20_000, 99, ['--format', 'json']));
    const producer = await stack.producer();
    const copies = 5;
    await producer.send({
      topic: scenario.topic,
      messages: Array.from({ length: copies }, () => MALFORMED.map((m) => ({ value: m.value }))).flat(),
    });
    await scenario.produce(seededTraffic(20_000, 100, ['--format', 'json'], TRAFFIC_EPOCH_MS + 60_000));
    const reference = await scenario.reference();
    expect(reference.invalidOffsets).toHaveLength(MALFORMED.length * copies);

    const aggregator = scenario.start('aggregator');
    const rawSink = scenario.start('raw-sink');
    await waitFor(
      async () => {
        const tables = await scenario.tables();
        expect(tables.windows).toEqual(reference.windows);
        expect(tables.rawRows).toBe(reference.validEventIds.length);
      },
      { timeoutMs: 120_000, intervalMs: 1_000, description: 'results equal to the reference of the valid events' },
    );
    const letters = await waitFor(
      async () => {
        const all = [...(await scenario.readTopic(scenario.deadLetterTopic)).values()].flat();
        const distinct = new Map(all.map((r) => [String(r.key), r]));
        expect(distinct.size).toBe(2 * MALFORMED.length * copies); // one per app per malformed record
        return [...distinct.values()];
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'every malformed record dead-lettered by both apps' },
    );
    for (const app of ['aggregator', 'raw-sink']) {
      const mine = letters.filter((l) => l.headers[DEAD_LETTER_HEADERS.app] === app);
      expect(mine.map((l) => l.headers[DEAD_LETTER_HEADERS.reason]).sort()).toEqual(
        MALFORMED.flatMap((m) => Array(copies).fill(m.reason)).sort(),
      );
      for (const l of mine) {
        const original = MALFORMED.find((m) => m.reason === l.headers[DEAD_LETTER_HEADERS.reason]);
        expect(l.value).toEqual(original?.value);
      }
    }
    expect(await aggregator.stop()).toBe(0);
    expect(await rawSink.stop()).toBe(0);
  });
});
