import fs from 'node:fs';
import path from 'node:path';
import { DEAD_LETTER_HEADERS, skipUndecodableBatches } from '@clickstream/kafka';
import {
  findWorkspaceRoot,
  LocalStack,
  produceWithJavaConsoleProducer,
  produceWithKcat,
  STACK_START_TIMEOUT_MS,
  useLocalStack,
  waitFor,
  type KeyedLine,
} from '@clickstream/integration-testing';
import { PipelineScenario, seededTraffic, TRAFFIC_EPOCH_MS } from './harness/pipeline-scenario';
import { settledTables } from './harness/settled-tables';

jest.setTimeout(10 * 60_000);

// 40 events per second of event time: the 6,000 events below span several closed windows.
const SPREAD = ['--event-rate', '40'];

describe('pipeline: batches written by other Kafka clients', () => {
  let stack: LocalStack;
  const scenarios: PipelineScenario[] = [];

  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const s of scenarios) await s.close();
    await stack?.close();
  });

  /** Seeded JSON events of our producer, as key/value lines for a command-line producer. */
  async function seededLines(name: string, count: number, seed: number, startMs: number): Promise<KeyedLine[]> {
    const source = await PipelineScenario.create(stack, name, 1);
    scenarios.push(source);
    await source.produce(seededTraffic(count, seed, ['--format', 'json', ...SPREAD], startMs));
    const records = (await source.readTopic(source.topic)).get(0) ?? [];
    return records.map((r) => ({ key: String(r.key), value: String(r.value) }));
  }

  it('reads kcat gzip/snappy/lz4/zstd, Java lz4/zstd and our producer zstd batches into exact results', async () => {
    const scenario = await PipelineScenario.create(stack, 'codecs', 2);
    scenarios.push(scenario);
    await scenario.produce(seededTraffic(2_000, 11, ['--compression', 'zstd', ...SPREAD]));
    const lines = await seededLines('codecs_src', 6_000, 12, TRAFFIC_EPOCH_MS + 50_000);
    const chunk = (i: number) => lines.slice(i * 1_000, (i + 1) * 1_000);
    const target = { brokers: stack.kafkaBrokers, topic: scenario.topic };
    for (const [i, compression] of (['gzip', 'snappy', 'lz4', 'zstd'] as const).entries()) {
      await produceWithKcat({ ...target, compression, records: chunk(i) });
    }
    await produceWithJavaConsoleProducer({ ...target, compression: 'lz4', records: chunk(4) });
    await produceWithJavaConsoleProducer({ ...target, compression: 'zstd', records: chunk(5) });

    const reference = await scenario.reference();
    expect(reference.invalidOffsets).toEqual([]);
    expect(reference.validEventIds).toHaveLength(8_000); // nothing lost on the way in
    expect(reference.windows.length).toBeGreaterThan(20);

    const apps = [scenario.start('aggregator'), scenario.start('raw-sink')];
    await settledTables(scenario, reference, () => apps);
    for (const app of apps) expect(await app.stop()).toBe(0);
  });

  it('stops at a corrupt batch with one line naming it, and passes it only when told to', async () => {
    const scenario = await PipelineScenario.create(stack, 'corrupt', 1);
    scenarios.push(scenario);
    await scenario.produce(seededTraffic(3_000, 21, ['--compression', 'lz4', '--batch-size', '500', ...SPREAD]));
    const corrupt = corruptSecondBatch(scenario.topic);

    const stopped = scenario.start('raw-sink');
    expect(await stopped.exited).toBe(1);
    const line = `undecodable record batch in ${scenario.topic} partition 0 at offsets ${corrupt.firstOffset}..${corrupt.lastOffset} (codec lz4)`;
    expect(stopped.log()).toContain(line);
    expect(stopped.log()).toContain(`--skip-batches ${scenario.topic}:0:${corrupt.firstOffset}`);

    // The way out: the named batch reads as empty records, dead-lettered; everything else exact.
    const skip = ['--skip-batches', `${scenario.topic}:0:${corrupt.firstOffset}`];
    skipUndecodableBatches([skip[1] as string], () => undefined);
    const reference = await scenario.reference().finally(() => skipUndecodableBatches([], () => undefined));
    const count = Number(corrupt.lastOffset) - Number(corrupt.firstOffset) + 1;
    expect(reference.invalidOffsets).toHaveLength(count);
    const apps = [scenario.start('aggregator', skip), scenario.start('raw-sink', skip)];
    await settledTables(scenario, reference, () => apps);
    await waitFor(
      async () => {
        const letters = [...(await scenario.readTopic(scenario.deadLetterTopic)).values()].flat();
        for (const app of ['aggregator', 'raw-sink']) {
          expect(letters.filter((l) => l.headers[DEAD_LETTER_HEADERS.app] === app)).toHaveLength(count);
        }
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: "the passed batch's records dead-lettered by both apps" },
    );
    for (const app of apps) expect(await app.stop()).toBe(0);
  });
});

/**
 * Overwrites the middle of the compressed records of partition 0's second batch in the broker's
 * log segment, as a disk or a buggy client could: the broker serves the bytes as they are.
 */
function corruptSecondBatch(topic: string): { firstOffset: string; lastOffset: string } {
  const stackDir = process.env['CLICKSTREAM_STACK_DIR'] || path.join(findWorkspaceRoot(), '.stack');
  const segment = path.join(stackDir, 'data', 'kafka', 'kraft-logs', `${topic}-0`, '00000000000000000000.log');
  const fd = fs.openSync(segment, 'r+');
  try {
    const header = Buffer.alloc(61);
    fs.readSync(fd, header, 0, 12, 0);
    const second = 12 + header.readInt32BE(8);
    fs.readSync(fd, header, 0, 61, second);
    const length = header.readInt32BE(8);
    const firstOffset = header.readBigInt64BE(0);
    const lastOffset = firstOffset + BigInt(header.readInt32BE(23));
    const payload = 12 + length - 61;
    fs.writeSync(fd, Buffer.alloc(Math.floor(payload / 2), 0xa5), 0, Math.floor(payload / 2), second + 61 + Math.floor(payload / 4));
    return { firstOffset: String(firstOffset), lastOffset: String(lastOffset) };
  } finally {
    fs.closeSync(fd);
  }
}
