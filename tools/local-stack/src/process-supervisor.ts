import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessRunning, listProcesses, readProcess, type ProcessInfo } from './process-table';

export interface LaunchSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface LaunchedProcess {
  pid: number;
  /** Set once the process exited while we were watching (e.g. a port clash at start). */
  exitStatus: () => string | undefined;
}

/** Rotated at start, not while running: one old generation is enough for a dev stack. */
const MAX_LOG_BYTES = 50 * 1024 * 1024;

/**
 * Starts a service as a detached session leader (it outlives the CLI and gets its own process
 * group, so a stop can signal the whole group), output appended to its log file.
 */
export function launchDetached(spec: LaunchSpec, logFile: string, pidFile: string): LaunchedProcess {
  mkdirSync(path.dirname(logFile), { recursive: true });
  mkdirSync(path.dirname(pidFile), { recursive: true });
  mkdirSync(spec.cwd, { recursive: true });
  if (existsSync(logFile) && statSync(logFile).size > MAX_LOG_BYTES) renameSync(logFile, `${logFile}.1`);
  const out = openSync(logFile, 'a');
  try {
    writeFileSync(out, `\n==== ${new Date().toISOString()} starting: ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    if (child.pid === undefined) throw new Error(`could not spawn ${spec.command}`);
    let exitStatus: string | undefined;
    child.on('exit', (code, signal) => {
      exitStatus = signal ? `killed by ${signal}` : `exited with code ${code}`;
    });
    child.on('error', (error) => {
      exitStatus = `failed to start: ${error.message}`;
    });
    child.unref();
    writePidFile(pidFile, child.pid);
    return { pid: child.pid, exitStatus: () => exitStatus };
  } finally {
    closeSync(out);
  }
}

export function writePidFile(pidFile: string, pid: number): void {
  writeFileSync(pidFile, `${pid}\n`);
}

export function readPidFile(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function removePidFile(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

/**
 * Our processes of one service: the pid file's process if it still is ours, else any process that
 * matches (a lost pid file must not leave a service running that `down` cannot see).
 * The pid file is rewritten to what was found.
 */
export function findOwnProcesses(isOwn: (p: ProcessInfo) => boolean, pidFile: string): number[] {
  const recorded = readPidFile(pidFile);
  if (recorded !== undefined) {
    const info = readProcess(recorded);
    if (info && info.state !== 'Z' && isOwn(info)) return [recorded];
  }
  const found = listProcesses()
    .filter(isOwn)
    .map((p) => p.pid);
  if (found[0] !== undefined) writePidFile(pidFile, found[0]);
  else removePidFile(pidFile);
  return found;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the whole group: a service's helpers (Redis' bgsave child) go too
  } catch {
    try {
      process.kill(pid, signal); // not a group leader (found by scan, started by someone else)
    } catch {
      // already gone
    }
  }
}

export type StopOutcome = 'not running' | 'stopped' | 'killed';

/** SIGTERM, wait up to `graceMs` for a clean exit, then SIGKILL. */
export async function stopProcess(pid: number, graceMs: number): Promise<StopOutcome> {
  if (!isProcessRunning(pid)) return 'not running';
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessRunning(pid)) {
      await waitUntilReaped(pid);
      return 'stopped';
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  signalGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isProcessRunning(pid) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 50));
  await waitUntilReaped(pid);
  return 'killed';
}

/**
 * An exited service is a zombie until init reaps it, and `pgrep` still lists zombies: wait (briefly)
 * until the pid is gone, so "nothing left after down" also holds for whoever checks right after.
 */
async function waitUntilReaped(pid: number, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (readProcess(pid) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** The last lines of a log, for error messages. */
export function tailOfFile(file: string, lines = 15): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
