import type { ProcessUsage } from '../proc/process-usage';
import { measureThroughput, type MeasuredProcess } from './throughput-meter';

/** A process whose CPU grows by 0.5 s per reading; the stack "pids" are this test process. */
function fakeProcess(exitAfterReadings = Infinity): MeasuredProcess & { readings: number } {
  const fake = {
    name: 'fake',
    readings: 0,
    get hasExited() {
      return fake.readings >= exitAfterReadings;
    },
    usage(): ProcessUsage {
      fake.readings++;
      return { cpuSeconds: fake.readings * 0.5, peakRssBytes: 100 * 1024 * 1024, rssBytes: 0 };
    },
    assertRunning() {
      if (fake.hasExited) throw new Error('fake exited');
    },
  };
  return fake;
}

const stack = { kafka: process.pid, clickhouse: process.pid };
const progressOf = (values: number[]) => {
  let i = 0;
  return async () => values[Math.min(i++, values.length - 1)] as number;
};

describe('measureThroughput', () => {
  it('counts from the last poll without progress to the poll that reached the target', async () => {
    const app = fakeProcess();
    const result = await measureThroughput(app, progressOf([0, 0, 400, 1000]), 1000, stack, 10_000);
    // Readings: 1 at the start, then one per poll; the last zero poll is reading 3 (1.5 s), the end reading 5 (2.5 s).
    expect(result.events).toBe(1000);
    expect(result.cpuSeconds).toBe(1);
    expect(result.eventsPerCpuSecond).toBe(1000);
    expect(result.peakRssMb).toBe(100);
    expect(result.wallSeconds).toBeGreaterThan(0);
  });

  it('ignores a smaller reading (metrics server not answering) instead of restarting the interval', async () => {
    const result = await measureThroughput(fakeProcess(), progressOf([0, 500, 0, 1000]), 1000, stack, 10_000);
    expect(result.events).toBe(1000);
    expect(result.cpuSeconds).toBe(1.5);
  });

  it('ends at the last poll that saw the process alive when it exits by itself', async () => {
    // Exits after 4 readings: start, poll 0, poll 300, poll 600; the next poll finds it gone.
    const result = await measureThroughput(fakeProcess(4), progressOf([0, 300, 600, 600]), 1000, stack, 10_000, { untilExit: true });
    expect(result.events).toBe(600);
    expect(result.cpuSeconds).toBe(1);
  });

  it('fails when a process it waits for exits early', async () => {
    await expect(measureThroughput(fakeProcess(3), progressOf([0, 300, 300]), 1000, stack, 10_000)).rejects.toThrow('fake exited');
  });
});
