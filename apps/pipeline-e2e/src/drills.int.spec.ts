import { STACK_START_TIMEOUT_MS } from '@clickstream/integration-testing';
import { ALL_DRILLS } from './drills/faults/all-drills';
import { QUICK_PROFILE } from './drills/drill-profile';
import { runDrill, type DrillResult } from './drills/drill-suite';
import { PrivateStack } from './drills/private-stack';
import { renderVerdictTable } from './drills/verdict-table';

jest.setTimeout(5 * 60_000);

/**
 * The CI short form of `npm run drill`: every drill with 5 s outages and 4 kills, on a private stack
 * (drills stop Kafka, ClickHouse and Redis: never the shared stack the other tests use).
 */
describe('fault drills (short form): 0 lost, 0 counted twice, 0 wrong windows', () => {
  let stack: PrivateStack;
  const results: DrillResult[] = [];

  beforeAll(async () => {
    stack = await PrivateStack.up('drill-ci');
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    process.stdout.write(`\n${renderVerdictTable(results)}\n`);
    await stack?.down();
  }, 180_000);

  it.each(ALL_DRILLS.map((drill, index) => ({ id: drill.id, drill, index })))('$id', async ({ drill, index }) => {
    const result = await runDrill(stack, drill, index, QUICK_PROFILE);
    results.push(result);
    expect(result.error).toBeUndefined();
    expect(result.faultsInjected.length).toBeGreaterThan(0);
    const v = result.verdict;
    expect(v && { lost: v.lost, countedTwice: v.countedTwice, windowsWrong: v.windowsWrong, deadLetters: v.deadLetters.found }).toEqual({
      lost: 0,
      countedTwice: 0,
      windowsWrong: 0,
      deadLetters: v?.deadLetters.expected,
    });
    expect(v?.validEvents).toBeGreaterThanOrEqual(QUICK_PROFILE.events);
  });
});
