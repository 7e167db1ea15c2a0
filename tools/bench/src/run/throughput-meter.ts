import { readProcessUsage } from '../proc/process-usage';
import type { StackPids } from '../proc/stack-pids';
import type { StackCpu, Throughput } from '../suite/bench-result';
import type { AppProcess } from './app-process';

/** The part of a child process the meter reads (a fake in the unit test). */
export type MeasuredProcess = Pick<AppProcess, 'name' | 'usage' | 'hasExited' | 'assertRunning'>;
import { PollTimeoutError, sleep } from './poll';

const POLL_MS = 200;
const MB = 1024 * 1024;

/** CPU seconds of the stack's Kafka and ClickHouse right now. */
export function stackCpuNow(stack: StackPids): StackCpu {
  return {
    kafkaCpuSeconds: readProcessUsage(stack.kafka)?.cpuSeconds ?? 0,
    clickhouseCpuSeconds: readProcessUsage(stack.clickhouse)?.cpuSeconds ?? 0,
  };
}

export function stackCpuBetween(before: StackCpu, after: StackCpu): StackCpu {
  return {
    kafkaCpuSeconds: round2(after.kafkaCpuSeconds - before.kafkaCpuSeconds),
    clickhouseCpuSeconds: round2(after.clickhouseCpuSeconds - before.clickhouseCpuSeconds),
  };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Polls `progress` (events done so far) until it reaches `target`. The interval starts at the last
 * poll that saw no progress (so start-up, connecting and joining the group are not counted) and ends
 * at the first poll that saw `target`; wall time, the app's CPU and the stack's CPU are all taken
 * over that interval.
 */
export async function measureThroughput(
  app: MeasuredProcess,
  progress: () => Promise<number>,
  target: number,
  stack: StackPids,
  timeoutMs: number,
  options: { untilExit?: boolean } = {},
): Promise<Throughput> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  const sampleNow = (at: number, done: number) => {
    const usage = app.usage();
    return { at, done, cpu: usage.cpuSeconds, rss: usage.peakRssBytes, stack: stackCpuNow(stack) };
  };
  let start = sampleNow(performance.now(), 0);
  let last = start;
  for (;;) {
    const at = performance.now();
    // Counters only grow: a smaller reading means the metrics server was not answering (yet or any more).
    const done = Math.max(seen, await progress());
    seen = done;
    if (app.hasExited) {
      // A program that stops by itself (the producer) may exit between two polls: the interval then
      // ends at the last poll that saw it alive.
      if (options.untilExit && last.done > start.done) return throughputBetween(start, last);
      app.assertRunning();
    }
    const sample = sampleNow(at, done);
    if (done === 0) start = sample;
    if (done >= target) return throughputBetween(start, sample);
    last = sample;
    if (Date.now() > deadline) throw new PollTimeoutError(`${app.name} to reach ${target} events (at ${done})`, timeoutMs);
    await sleep(POLL_MS);
  }
}

interface Sample {
  at: number;
  done: number;
  cpu: number;
  rss: number;
  stack: StackCpu;
}

function throughputBetween(start: Sample, end: Sample): Throughput {
  return throughputOf(end.done - start.done, (end.at - start.at) / 1000, end.cpu - start.cpu, Math.round(end.rss / MB), stackCpuBetween(start.stack, end.stack));
}

/** The rates of `events` over a wall and a CPU time, rounded as every result file has them. */
export function throughputOf(events: number, wallSeconds: number, cpuSeconds: number, peakRssMb: number, stack: StackCpu): Throughput {
  return {
    events,
    wallSeconds: round2(wallSeconds),
    eventsPerSecond: Math.round(events / wallSeconds),
    cpuSeconds: round2(cpuSeconds),
    eventsPerCpuSecond: Math.round(events / cpuSeconds),
    peakRssMb,
    kafkaCpuSeconds: round2(stack.kafkaCpuSeconds),
    clickhouseCpuSeconds: round2(stack.clickhouseCpuSeconds),
  };
}
