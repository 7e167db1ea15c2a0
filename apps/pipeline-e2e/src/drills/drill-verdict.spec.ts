import type { Reference } from '../harness/reference-model';
import { computeVerdict, type ObservedOutputs } from './drill-verdict';

const reference: Reference = {
  windows: [
    { windowStart: 0, page: '/a', country: 'US', clicks: 3, uniqueUsers: 2 },
    { windowStart: 0, page: '/b', country: 'FR', clicks: 1, uniqueUsers: 1 },
  ],
  lateEventIds: ['late1'],
  validEventIds: ['e1', 'e2', 'e3', 'e4', 'late1'],
  invalidOffsets: ['0/7', '1/9'],
};

const exact: ObservedOutputs = {
  windows: reference.windows,
  lateEventIds: ['late1'],
  rawRowsById: new Map(reference.validEventIds.map((id) => [id, 1])),
  deadLetterKeys: ['aggregator/t/0/7', 'aggregator/t/1/9', 'raw-sink/t/0/7', 'raw-sink/t/1/9', 'raw-sink/t/1/9'],
};

describe('computeVerdict', () => {
  it('is clean when the outputs equal the reference (a dead letter published twice counts once)', () => {
    const v = computeVerdict(reference, exact);
    expect(v).toMatchObject({ ok: true, lost: 0, countedTwice: 0, windowsWrong: 0, validEvents: 5, malformed: 2 });
    expect(v.deadLetters).toEqual({ expected: 4, found: 4 });
  });

  it('counts a raw row missing as lost and a repeated one as counted twice', () => {
    const rawRowsById = new Map([...exact.rawRowsById, ['e1', 2]]);
    rawRowsById.delete('e2');
    const v = computeVerdict(reference, { ...exact, rawRowsById });
    expect(v.raw).toEqual({ lost: 1, countedTwice: 1 });
    expect(v.ok).toBe(false);
  });

  it('counts window clicks missing or in excess, and every window that differs (also a missing one)', () => {
    const windows = [
      { windowStart: 0, page: '/a', country: 'US', clicks: 5, uniqueUsers: 2 },
      { windowStart: 60_000, page: '/c', country: 'US', clicks: 1, uniqueUsers: 1 },
    ];
    const v = computeVerdict(reference, { ...exact, windows });
    expect(v.windowClicks).toEqual({ lost: 1, countedTwice: 3 });
    expect(v.windowsWrong).toBe(3);
    expect(v.lost).toBe(1);
    expect(v.countedTwice).toBe(3);
  });

  it('flags a wrong distinct-user count with the right click count', () => {
    const windows = [{ ...reference.windows[0], uniqueUsers: 3 }, reference.windows[1]] as ObservedOutputs['windows'];
    const v = computeVerdict(reference, { ...exact, windows });
    expect(v).toMatchObject({ windowsWrong: 1, lost: 0, countedTwice: 0, ok: false });
  });

  it('counts missing late events and missing dead letters as lost', () => {
    const v = computeVerdict(reference, { ...exact, lateEventIds: [], deadLetterKeys: ['aggregator/t/0/7'] });
    expect(v.late).toEqual({ expected: 1, lost: 1, countedTwice: 0 });
    expect(v.deadLetters).toEqual({ expected: 4, found: 1 });
    expect(v.lost).toBe(1 + 3);
  });
});
