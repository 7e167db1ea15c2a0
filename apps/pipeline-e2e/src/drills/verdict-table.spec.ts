import type { DrillResult } from './drill-suite';
import type { DrillVerdict } from './drill-verdict';
import { renderVerdictTable } from './verdict-table';

const clean: DrillVerdict = {
  validEvents: 100,
  malformed: 0,
  lost: 0,
  countedTwice: 0,
  windowsExpected: 10,
  windowsWrong: 0,
  raw: { lost: 0, countedTwice: 0 },
  windowClicks: { lost: 0, countedTwice: 0 },
  late: { expected: 3, lost: 0, countedTwice: 0 },
  deadLetters: { expected: 0, found: 0 },
  ok: true,
};

const result = (over: Partial<DrillResult>): DrillResult => ({
  drill: 'd',
  fault: 'f',
  faultsInjected: [],
  notes: [],
  verdict: clean,
  unexpectedExits: [],
  durationMs: 10_000,
  settleMs: 4_000,
  passed: true,
  ...over,
});

describe('renderVerdictTable', () => {
  it('sums the kills, lists the other faults without their timestamps, and shows PASS with the settle time', () => {
    const table = renderVerdictTable([
      result({ drill: 'kill-9', faultsInjected: ['t+1.0s kill -9 aggregator', 't+2.5s kill -9 raw-sink', 't+9.0s redis stopped'] }),
    ]);
    const row = table.split('\n')[2];
    expect(row).toBe('| kill-9 | 2 x kill -9; redis stopped | 100 | 0 | 0 | 0 / 10 | 3 / 3 | 0 / 0 | 0 | 4 s | PASS |');
  });

  it('shows the numbers of a failed drill, and the first line of its error', () => {
    const lossy = { ...clean, lost: 7, raw: { lost: 7, countedTwice: 0 }, ok: false };
    const table = renderVerdictTable([
      result({ drill: 'redis-empty', verdict: lossy, passed: false }),
      result({ drill: 'broken', verdict: undefined, passed: false, error: 'producer exited 1:\nstack' }),
    ]);
    const [, , lossyRow, brokenRow] = table.split('\n');
    expect(lossyRow).toBe('| redis-empty | - | 100 | 7 | 0 | 0 / 10 | 3 / 3 | 0 / 0 | 0 | - | FAIL |');
    expect(brokenRow).toBe('| broken | - | - | - | - | - | - | - | 0 | - | FAIL (producer exited 1:) |');
  });
});
