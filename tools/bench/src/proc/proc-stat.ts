/** CPU ticks of one process from a /proc/<pid>/stat line. */
export interface ProcCpuTicks {
  userTicks: number;
  systemTicks: number;
}

/**
 * Parses utime and stime (fields 14 and 15). The command name in parentheses may itself hold
 * spaces and parentheses, so fields are counted after the last ')'.
 */
export function parseProcStat(stat: string): ProcCpuTicks {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  // After ')' come state (field 3), ppid (4), ...: utime is field 14, i.e. index 11 here.
  const fields = stat.slice(close + 2).trim().split(/\s+/);
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) {
    throw new Error(`no utime/stime in /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  }
  return { userTicks, systemTicks };
}

/** Peak resident set size (VmHWM) in bytes from /proc/<pid>/status; undefined for kernel threads. */
export function parsePeakRssBytes(status: string): number | undefined {
  return statusKb(status, 'VmHWM');
}

/** Resident set size now (VmRSS) in bytes. */
export function parseRssBytes(status: string): number | undefined {
  return statusKb(status, 'VmRSS');
}

function statusKb(status: string, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : undefined;
}

/**
 * CPU ticks every core spent busy, from the `cpu` line of /proc/stat: user, nice, system, irq,
 * softirq and steal (time the hypervisor gave to other guests: work that is not ours either); idle
 * and iowait are not busy. Guest time is already inside user and nice.
 */
export function parseMachineBusyTicks(procStat: string): number {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) throw new Error(`no cpu line in /proc/stat: ${procStat.slice(0, 80)}`);
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq, steal ?? 0];
  if (busy.some((t) => t === undefined || !Number.isFinite(t))) throw new Error(`not a /proc/stat cpu line: ${line}`);
  return busy.reduce((a: number, t) => a + (t as number), 0);
}
