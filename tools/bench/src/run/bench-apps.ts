import path from 'node:path';
import { AppProcess } from './app-process';
import { freePort } from './free-port';

export type AppName = 'producer' | 'aggregator' | 'raw-sink';

export interface StartedApp {
  process: AppProcess;
  metricsPort: number;
}

/**
 * Starts the built app bundles (dist/apps/<app>/main.js) and the suite's own programs, each with a
 * known metrics port, and records each command line for the result file.
 */
export class BenchApps {
  readonly commands: Record<string, string> = {};
  private readonly running = new Set<AppProcess>();

  /** `redact` turns a command line into its reusable form (run id and free ports replaced). */
  constructor(private readonly repoRoot: string, private readonly logDir: string, private readonly redact: (command: string) => string = (c) => c) {}

  /** `bundle`: another build of the app (e.g. a baseline copied from main's dist/) instead of dist/apps/<app>/main.js. */
  async start(label: string, app: AppName, args: readonly string[], bundle = path.join('dist', 'apps', app, 'main.js')): Promise<StartedApp> {
    const metricsPort = await freePort();
    const argv = [bundle, ...args, '--metrics-port', String(metricsPort), '--metrics-host', '127.0.0.1'];
    this.commands[label] ??= this.redact(`node ${argv.join(' ')}`);
    const process = AppProcess.start(label, argv, { cwd: this.repoRoot, logDir: this.logDir });
    this.track(process);
    return { process, metricsPort };
  }

  /** A TypeScript program of the suite itself, run through tsx like `npm run bench`. */
  async startTool(label: string, file: string, args: readonly string[]): Promise<StartedApp> {
    const metricsPort = await freePort();
    const argv = ['--import', 'tsx', file, ...args, '--metrics-port', String(metricsPort)];
    this.commands[label] ??= this.redact(`node ${argv.join(' ')}`);
    const process = AppProcess.start(label, argv, {
      cwd: this.repoRoot,
      logDir: this.logDir,
      env: { TSX_TSCONFIG_PATH: path.join(this.repoRoot, 'tsconfig.base.json') },
    });
    this.track(process);
    return { process, metricsPort };
  }

  /**
   * A Java program (the reference Flink job): `java <jvmArgs> -cp <classPath> <mainClass> <args>`;
   * the recorded command shows `classPathShown` (how to get the class path) instead of the path.
   */
  async startJava(
    label: string,
    java: { jvmArgs: readonly string[]; classPath: string; classPathShown: string; mainClass: string },
    args: readonly string[],
  ): Promise<StartedApp> {
    const metricsPort = await freePort();
    const tail = [java.mainClass, ...args, '--metrics-port', String(metricsPort)];
    const argv = [...java.jvmArgs, '-cp', java.classPath, ...tail];
    this.commands[label] ??= this.redact(`java <Flink's JVM options, tools/bench/src/flink/flink-job.ts> -cp ${java.classPathShown} ${tail.join(' ')}`);
    const process = AppProcess.start(label, argv, { cwd: this.repoRoot, logDir: this.logDir, command: 'java' });
    this.track(process);
    return { process, metricsPort };
  }

  /** Stops whatever is still running (after a failed scenario). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((p) => p.stop(5_000)));
  }

  private track(p: AppProcess): void {
    this.running.add(p);
    void p.exited.then(() => this.running.delete(p));
  }
}
