import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readProcessUsage, type ProcessUsage } from '../proc/process-usage';

export class AppExitedError extends Error {
  constructor(readonly app: string, readonly code: number | null, readonly logFile: string) {
    super(`${app} exited early (code ${code}); see ${logFile}`);
    this.name = 'AppExitedError';
  }
}

/**
 * One child process of the suite (an app bundle from dist/ or a bench program), its output in a log
 * file. Keeps the last /proc reading, because a process that exited can no longer be read.
 */
export class AppProcess {
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;
  private last: ProcessUsage = { cpuSeconds: 0, peakRssBytes: 0, rssBytes: 0 };

  private constructor(readonly name: string, private readonly child: ChildProcess, readonly logFile: string) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve((this.exitCode = code))));
  }

  /** `node <argv...>` (or `<command> <argv...>`) with output appended to <logDir>/<name>.log. */
  static start(name: string, argv: readonly string[], options: { cwd: string; logDir: string; env?: NodeJS.ProcessEnv; command?: string }): AppProcess {
    const logFile = path.join(options.logDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(options.command ?? process.execPath, argv, { cwd: options.cwd, stdio: ['ignore', fd, fd], env: { ...process.env, ...options.env } });
    closeSync(fd);
    return new AppProcess(name, child, logFile);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no pid: spawn failed (see ${this.logFile})`);
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  /** CPU and peak RSS now, or the last reading once the process is gone. */
  usage(): ProcessUsage {
    if (!this.hasExited) this.last = readProcessUsage(this.pid) ?? this.last;
    return this.last;
  }

  /** Throws when the process is gone although the caller still needs it. */
  assertRunning(): void {
    if (this.hasExited) throw new AppExitedError(this.name, this.exitCode ?? null, this.logFile);
  }

  log(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  kill9(): Promise<number | null> {
    this.usage();
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Graceful stop (SIGTERM), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.hasExited) return;
    this.usage();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
