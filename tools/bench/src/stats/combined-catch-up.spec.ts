import type { CatchUpSide } from '../suite/flink-comparison-result';
import { combineCatchUpRuns, eachRead } from './combined-catch-up';

function read(events: number, cpuSeconds: number, peakRssMb: number): CatchUpSide {
  return {
    events,
    wallSeconds: cpuSeconds * 2,
    eventsPerSecond: Math.round(events / (cpuSeconds * 2)),
    cpuSeconds,
    eventsPerCpuSecond: Math.round(events / cpuSeconds),
    peakRssMb,
    kafkaCpuSeconds: 1,
    clickhouseCpuSeconds: 0.5,
    wholeProcessCpuSeconds: cpuSeconds + 3,
  };
}

describe('combineCatchUpRuns', () => {
  it('is total events over total CPU, not the mean of the reads ratios', () => {
    // 100k/s over 10 s and 300k/s over 2 s: the mean of ratios would be 200k.
    const combined = combineCatchUpRuns([read(1_000_000, 10, 250), read(600_000, 2, 280)]);
    expect(combined.events).toBe(1_600_000);
    expect(combined.cpuSeconds).toBe(12);
    expect(combined.eventsPerCpuSecond).toBe(133_333);
    expect(combined.wallSeconds).toBe(24);
    expect(combined.eventsPerSecond).toBe(66_667);
  });

  it('takes the highest peak RSS, sums the stack CPU, averages the whole-process CPU and keeps the reads in order', () => {
    const reads = [read(1_000_000, 10, 250), read(1_000_000, 8, 280)];
    const combined = combineCatchUpRuns(reads);
    expect(combined.peakRssMb).toBe(280);
    expect(combined.kafkaCpuSeconds).toBe(2);
    expect(combined.clickhouseCpuSeconds).toBe(1);
    expect(combined.wholeProcessCpuSeconds).toBe(12);
    expect(combined.runs?.map((r) => r.cpuSeconds)).toEqual([10, 8]);
  });

  it('refuses no reads at all', () => {
    expect(() => combineCatchUpRuns([])).toThrow(RangeError);
  });
});

describe('eachRead', () => {
  it('lists a combined side by its reads and a single read as itself, in order', () => {
    const a = read(100, 1, 10);
    const b = read(200, 2, 20);
    const c = read(300, 3, 30);
    expect(eachRead([combineCatchUpRuns([a, b]), c])).toEqual([a, b, c]);
    expect(eachRead([])).toEqual([]);
  });
});
