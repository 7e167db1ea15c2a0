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
