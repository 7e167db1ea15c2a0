import { setTimeout as sleep } from 'node:timers/promises';
import { readProcessUsage } from './process-usage';
import type { StackPids } from './stack-pids';

/** When the stack counts as quiet: its CPU over the last `windowMs` below `maxCores`, waited for at most `timeoutMs`. */
export interface QuietStackOptions {
  maxCores: number;
  windowMs: number;
  timeoutMs: number;
  pollMs: number;
}

/**
 * Idle, the broker and ClickHouse together use about 1% of a core here; after a catch-up wrote 2M
 * rows, ClickHouse merges for a while. 5% over a second tells the two apart (ticks are 10 ms).
 */
export const QUIET_STACK: QuietStackOptions = { maxCores: 0.05, windowMs: 1_000, timeoutMs: 90_000, pollMs: 250 };

/** One reading: when (ms) and the stack's CPU seconds so far. */
export interface StackCpuSample {
  atMs: number;
  cpuSeconds: number;
}

/**
 * Whether `samples` (in time order) end with a quiet window: a sample at least `windowMs` before the
 * last, and the CPU between them below `maxCores` on average. Pure, so the rule is tested apart.
 */
export function endsQuiet(samples: readonly StackCpuSample[], maxCores: number, windowMs: number): boolean {
  const last = samples.at(-1);
  if (last === undefined) return false;
  for (let i = samples.length - 2; i >= 0; i--) {
    const from = samples[i] as StackCpuSample;
    const elapsedMs = last.atMs - from.atMs;
    if (elapsedMs >= windowMs) return (last.cpuSeconds - from.cpuSeconds) / (elapsedMs / 1000) < maxCores;
  }
  return false;
}

/** The broker's and ClickHouse's CPU seconds so far (a process gone counts as nothing). */
function stackCpuSeconds(stack: StackPids): number {
  return (readProcessUsage(stack.kafka)?.cpuSeconds ?? 0) + (readProcessUsage(stack.clickhouse)?.cpuSeconds ?? 0);
}

/**
 * Waits until the local stack's broker and ClickHouse are quiet (endsQuiet), so that a measured
 * read does not share the two cores with the merges and log writes the read before it left behind
 * (a raw-sink catch-up leaves ClickHouse merging 2M rows). Returns how long it waited and whether
 * the stack went quiet before `timeoutMs` (the read then goes ahead anyway).
 */
export async function waitForQuietStack(stack: StackPids, options: QuietStackOptions = QUIET_STACK): Promise<{ waitedSeconds: number; quiet: boolean }> {
  const start = performance.now();
  const samples: StackCpuSample[] = [];
  for (;;) {
    const atMs = performance.now() - start;
    samples.push({ atMs, cpuSeconds: stackCpuSeconds(stack) });
    if (endsQuiet(samples, options.maxCores, options.windowMs)) return { waitedSeconds: Math.round(atMs / 100) / 10, quiet: true };
    if (atMs >= options.timeoutMs) return { waitedSeconds: Math.round(atMs / 100) / 10, quiet: false };
    // Only the last window is read: older samples go.
    while (samples.length > 2 && atMs - (samples[1] as StackCpuSample).atMs >= options.windowMs) samples.shift();
    await sleep(options.pollMs);
  }
}
