import path from 'node:path';

export type ServiceName = 'kafka' | 'clickhouse' | 'redis' | 'prometheus' | 'superset';

/** The repository root: this file is tools/local-stack/src/stack-paths.ts. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Layout of the stack folder (default <repo>/.stack, gitignored):
 *   cache/   downloads that can be refetched (Kafka jars)
 *   config/  files generated from the settings on every start (ports may change between runs)
 *   data/    what must survive restarts: Kafka log dirs, ClickHouse --path, Redis AOF/RDB
 *   logs/    one log per service
 *   run/     pid files, the lock, ClickHouse's stop FIFO
 *   backups/ ClickHouse BACKUPs (npm run backup), kept when data/ is wiped
 */
export class StackPaths {
  constructor(
    readonly stackDir: string,
    readonly cacheDir = path.join(stackDir, 'cache'),
  ) {}

  /** The secure stack's certificates and passwords (0700; files 0600). */
  get secretsDir(): string {
    return path.join(this.stackDir, 'secrets');
  }
  /** What `set -a; . <file>` needs to run any app against the secure stack (0600). */
  get clientEnvFile(): string {
    return path.join(this.stackDir, 'clickstream.env');
  }
  get runDir(): string {
    return path.join(this.stackDir, 'run');
  }
  get logsDir(): string {
    return path.join(this.stackDir, 'logs');
  }
  get lockFile(): string {
    return path.join(this.runDir, 'stack.lock');
  }
  pidFile(service: ServiceName): string {
    return path.join(this.runDir, `${service}.pid`);
  }
  logFile(service: ServiceName): string {
    return path.join(this.logsDir, `${service}.log`);
  }
  dataDir(service: ServiceName): string {
    return path.join(this.stackDir, 'data', service);
  }
  /** Backups a service takes of its data (ClickHouse BACKUP), kept apart so a wiped data folder keeps them. */
  backupsDir(service: ServiceName): string {
    return path.join(this.stackDir, 'backups', service);
  }
  configDir(service: ServiceName): string {
    return path.join(this.stackDir, 'config', service);
  }
  serviceRunDir(service: ServiceName): string {
    return path.join(this.runDir, service);
  }
}
