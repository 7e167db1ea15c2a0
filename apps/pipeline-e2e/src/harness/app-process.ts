import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from '@clickstream/integration-testing';

export type AppName = 'producer' | 'aggregator' | 'raw-sink' | 'anomaly-scorer';

/** Runs an app some other way than `node dist/apps/<app>/main.js`, e.g. from its container image. */
export interface AppLauncher {
  readonly command: string;
  /** Arguments before the app's own flags. */
  prefix(app: AppName, label: string): string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** One run of an app's real bundle (dist/apps/<app>/main.js) as a child process, logs to tmp/e2e. */
export class AppProcess {
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly logFile: string;

  constructor(
    readonly app: AppName,
    args: readonly string[],
    label: string,
    /** Added to this process's environment, e.g. the secure stack's settings (LocalStack.appEnv). */
    env: Readonly<Record<string, string>> = {},
    launcher?: AppLauncher,
  ) {
    const root = findWorkspaceRoot();
    const logDir = path.join(root, 'tmp', 'e2e');
    fs.mkdirSync(logDir, { recursive: true });
    this.logFile = path.join(logDir, `${label}.log`);
    const log = fs.openSync(this.logFile, 'a');
    const [command, prefix] = launcher
      ? [launcher.command, launcher.prefix(app, label)]
      : [process.execPath, ['--enable-source-maps', path.join(root, 'dist', 'apps', app, 'main.js')]];
    this.child = spawn(command, [...prefix, ...args], {
      stdio: ['ignore', log, log],
      env: { ...process.env, ...env, LOG_LEVEL: 'info', ...launcher?.env },
    });
    fs.closeSync(log);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM and wait for the exit code (the graceful path: flush, checkpoint, leave the group). */
  async stop(): Promise<number | null> {
    this.kill('SIGTERM');
    return this.exited;
  }

  /** The whole log so far. */
  log(): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  tail(lines = 20): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
