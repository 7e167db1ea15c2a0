import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { stackCpuNow } from '../run/throughput-meter';
import { clockTicksPerSecond } from './process-usage';
import { parseMachineBusyTicks } from './proc-stat';
import type { StackPids } from './stack-pids';

/**
 * When the stack counts as quiet: its CPU over the last WINDOW_MS below MAX_CORES, waited for at
 * most TIMEOUT_MS. Idle, the broker and ClickHouse together use about 1% of a core here; after a
 * catch-up wrote 2M rows, ClickHouse merges for a while. 5% over a second tells the two apart
 * (ticks are 10 ms).
 */
const MAX_CORES = 0.05;
const WINDOW_MS = 1_000;
const TIMEOUT_MS = 90_000;
const POLL_MS = 250;

/** The rule in words, for reports. */
export const QUIET_STACK_RULE = `below ${MAX_CORES * 100}% of a core over ${WINDOW_MS / 1000} s, waited for up to ${TIMEOUT_MS / 1000} s`;

/** One reading: when (ms), the stack's CPU seconds so far, and every core's busy seconds so far (/proc/stat). */
export interface StackCpuSample {
  atMs: number;
  cpuSeconds: number;
  machineBusySeconds: number;
}

/** The last window of `samples` (in time order): the latest sample at least `windowMs` before the last one, and the last. */
function lastWindow(samples: readonly StackCpuSample[], windowMs: number): { from: StackCpuSample; to: StackCpuSample; seconds: number } | undefined {
  const to = samples.at(-1);
  if (to === undefined) return undefined;
  for (let i = samples.length - 2; i >= 0; i--) {
    const from = samples[i] as StackCpuSample;
    const elapsedMs = to.atMs - from.atMs;
    if (elapsedMs >= windowMs) return { from, to, seconds: elapsedMs / 1000 };
  }
  return undefined;
}

/** Whether `samples` end with a whole window in which the stack used less than `maxCores` on average. Pure, so the rule is tested apart. */
export function endsQuiet(samples: readonly StackCpuSample[], maxCores: number, windowMs: number): boolean {
  const w = lastWindow(samples, windowMs);
  return w !== undefined && (w.to.cpuSeconds - w.from.cpuSeconds) / w.seconds < maxCores;
}

/**
 * Cores busy with anything but the stack over the last window (0 when there is none yet): other
 * processes, the hypervisor's steal, and this bench's own polling (a few thousandths).
 */
export function otherCoresInLastWindow(samples: readonly StackCpuSample[], windowMs: number): number {
  const w = lastWindow(samples, windowMs);
  if (w === undefined) return 0;
  const other = w.to.machineBusySeconds - w.from.machineBusySeconds - (w.to.cpuSeconds - w.from.cpuSeconds);
  return Math.max(0, Math.round((other / w.seconds) * 100) / 100);
}

/** The broker's and ClickHouse's CPU seconds so far (a process gone counts as nothing). */
function stackCpuSeconds(stack: StackPids): number {
  const cpu = stackCpuNow(stack);
  return cpu.kafkaCpuSeconds + cpu.clickhouseCpuSeconds;
}

/** Every core's busy seconds so far. */
function machineBusySeconds(): number {
  return parseMachineBusyTicks(readFileSync('/proc/stat', 'utf8')) / clockTicksPerSecond;
}

/** What waitForQuietStack saw: how long it waited, whether the stack went quiet, and the cores other work used in the last second. */
interface StackQuietWait {
  waitedSeconds: number;
  quiet: boolean;
  otherCores: number;
}

/**
 * Waits until the local stack's broker and ClickHouse are quiet (endsQuiet), so that a measured
 * read does not share the two cores with the merges and log writes the read before it left behind
 * (a raw-sink catch-up leaves ClickHouse merging 2M rows). Returns how long it waited, whether the
 * stack went quiet before TIMEOUT_MS (the read then goes ahead anyway), and how many cores other
 * work used meanwhile (otherCoresInLastWindow: a busy machine, where a load average also counts the
 * stack and the reads before).
 */
export async function waitForQuietStack(stack: StackPids): Promise<StackQuietWait> {
  const start = performance.now();
  const samples: StackCpuSample[] = [];
  for (;;) {
    const atMs = performance.now() - start;
    samples.push({ atMs, cpuSeconds: stackCpuSeconds(stack), machineBusySeconds: machineBusySeconds() });
    const quiet = endsQuiet(samples, MAX_CORES, WINDOW_MS);
    if (quiet || atMs >= TIMEOUT_MS) return { waitedSeconds: Math.round(atMs / 100) / 10, quiet, otherCores: otherCoresInLastWindow(samples, WINDOW_MS) };
    // Only the last window is read: older samples go.
    while (samples.length > 2 && atMs - (samples[1] as StackCpuSample).atMs >= WINDOW_MS) samples.shift();
    await sleep(POLL_MS);
  }
}
