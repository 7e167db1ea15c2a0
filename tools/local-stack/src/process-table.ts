import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  /** From /proc/<pid>/cmdline; programs that rewrite their title (redis-server) show the new title. */
  argv: string[];
  /** Unreadable for other users' processes. */
  cwd: string | undefined;
  /** R, S, D, Z (zombie), ... */
  state: string;
  /** Clock ticks since boot; with the pid it names one process even after pid reuse. */
  startTime: number;
}

export function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may itself hold spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a.length > 0);
    let cwd: string | undefined;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = undefined;
    }
    return { pid, argv, cwd, state: fields[0] ?? '?', startTime: Number(fields[19] ?? 0) };
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie: a detached child we never waited for stays a zombie until init reaps it. */
export function isProcessRunning(pid: number): boolean {
  const info = readProcess(pid);
  return info !== undefined && info.state !== 'Z' && info.state !== 'X';
}

export function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info && info.state !== 'Z') processes.push(info);
  }
  return processes;
}
