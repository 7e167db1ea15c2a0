import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parsePeakRssBytes, parseProcStat } from './proc-stat';

/** What /proc says about one process at one moment. */
export interface ProcessUsage {
  /** user + sys CPU seconds since the process started. */
  cpuSeconds: number;
  /** VmHWM: the highest resident set size so far. */
  peakRssBytes: number;
}

const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Undefined once the process is gone (the last successful reading is then the one to keep). */
export function readProcessUsage(pid: number): ProcessUsage | undefined {
  try {
    const ticks = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const peakRssBytes = parsePeakRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8')) ?? 0;
    return { cpuSeconds: (ticks.userTicks + ticks.systemTicks) / clockTicksPerSecond, peakRssBytes };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw error;
  }
}
