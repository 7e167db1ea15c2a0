import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot, LocalStack, readStackEndpoints } from '@clickstream/integration-testing';
import { findFreePorts } from './free-ports';

export type StackService = 'kafka' | 'clickhouse' | 'redis';

export class StackCommandError extends Error {
  constructor(
    readonly command: string,
    readonly exit: string,
    readonly output: string,
  ) {
    super(`stack ${command} ${exit}\n${output.trimEnd().split('\n').slice(-25).join('\n')}`);
    this.name = 'StackCommandError';
  }
}

/** Bounds per stack command: a cold Kafka start on a busy 2-core machine is the slowest step. */
const TIMEOUT_MS: Record<string, number> = { up: 300_000, down: 120_000, stop: 60_000, start: 180_000, wipe: 30_000 };

/**
 * A whole Kafka + ClickHouse + Redis stack of its own (tools/local-stack through stack.sh), in its
 * own folder on free ports: drills stop and restart services, which must never hit the shared stack
 * that other tests are using. Kafka's jars are shared with the workspace's cache, not refetched.
 */
export class PrivateStack {
  /** Stacks up and not yet down: what an interrupted run must still stop (see `downAll`). */
  private static readonly live = new Set<PrivateStack>();
  readonly localStack: LocalStack;

  private constructor(
    readonly root: string,
    readonly stackDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.localStack = new LocalStack(readStackEndpoints(env));
  }

  static async up(label: string): Promise<PrivateStack> {
    const root = findWorkspaceRoot();
    const stackDir = path.join(root, 'tmp', 'drill', `${label}-${process.pid}-${Date.now()}`);
    const sharedCache = path.join(root, '.stack', 'cache');
    fs.mkdirSync(sharedCache, { recursive: true });
    fs.mkdirSync(stackDir, { recursive: true });
    fs.symlinkSync(sharedCache, path.join(stackDir, 'cache'));
    const [kafka, controller, clickhouse, redis, prometheus] = await findFreePorts(5);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CLICKSTREAM_STACK_DIR: stackDir,
      CLICKSTREAM_KAFKA_PORT: String(kafka),
      CLICKSTREAM_KAFKA_CONTROLLER_PORT: String(controller),
      CLICKSTREAM_CLICKHOUSE_PORT: String(clickhouse),
      CLICKSTREAM_REDIS_PORT: String(redis),
      // The stack runs Prometheus too: off the shared stack's port.
      CLICKSTREAM_PROMETHEUS_PORT: String(prometheus),
    };
    const stack = new PrivateStack(root, stackDir, env);
    PrivateStack.live.add(stack);
    await stack.run('up');
    return stack;
  }

  stop(service: StackService): Promise<string> {
    return this.run('stop', service);
  }

  start(service: StackService): Promise<string> {
    return this.run('start', service);
  }

  /** Stop, delete the data files, start: the service comes back empty. */
  async restartEmpty(service: StackService): Promise<void> {
    await this.run('wipe', service);
    await this.run('start', service);
  }

  /** Stops every service and deletes the folder (its data is of no use after the drill). */
  async down(): Promise<void> {
    await this.localStack.close().catch(() => undefined); // its topics and databases die with the stack
    await this.run('down');
    PrivateStack.live.delete(this);
    fs.rmSync(this.stackDir, { recursive: true, force: true });
  }

  /** Stops every private stack of this process (an interrupted or timed-out run). */
  static async downAll(): Promise<void> {
    await Promise.allSettled([...PrivateStack.live].map((s) => s.down()));
  }

  private run(command: string, service?: string): Promise<string> {
    const args = [path.join(this.root, 'tools', 'scripts', 'stack.sh'), command, ...(service ? [service] : [])];
    const label = `${command}${service ? ` ${service}` : ''}`;
    return new Promise((resolve, reject) => {
      // Own process group: a timeout stops the script together with what it started in the foreground.
      const child = spawn('bash', args, { cwd: this.root, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
      const timeoutMs = TIMEOUT_MS[command] ?? 60_000;
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid ?? 0), 'SIGTERM');
        } catch {
          // already gone
        }
        reject(new StackCommandError(label, `did not finish within ${timeoutMs / 1000} s`, output));
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new StackCommandError(label, `could not run: ${error.message}`, output));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(output);
        else reject(new StackCommandError(label, `exited with ${code}`, output));
      });
    });
  }
}
