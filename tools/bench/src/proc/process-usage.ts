import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parsePeakRssBytes, parseProcStat, parseRssBytes } from './proc-stat';

/** What /proc says about one process at one moment. */
export interface ProcessUsage {
  /** user + sys CPU seconds since the process started. */
  cpuSeconds: number;
  /** VmHWM: the highest resident set size so far. */
  peakRssBytes: number;
  /** VmRSS: resident set size now. */
  rssBytes: number;
}

export const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Undefined once the process is gone (the last successful reading is then the one to keep). */
export function readProcessUsage(pid: number): ProcessUsage | undefined {
  try {
    const ticks = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      cpuSeconds: (ticks.userTicks + ticks.systemTicks) / clockTicksPerSecond,
      peakRssBytes: parsePeakRssBytes(status) ?? 0,
      rssBytes: parseRssBytes(status) ?? 0,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw error;
  }
}
