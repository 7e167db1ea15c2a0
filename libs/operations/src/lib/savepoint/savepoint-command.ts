import { readFileSync, writeFileSync } from 'node:fs';
import { createRedisClient, type RedisSecurityConfig } from '@clickstream/checkpoint';
import { OperationError } from '../operations-error';
import type { SavepointFile, SavepointScope } from './savepoint-file';
import { exportSavepoint, importSavepoint } from './savepoint-store';

/** `<app> savepoint export|import FILE [the app's flags]`, split off the app's own arguments. */
export interface SavepointRequest {
  readonly action: 'export' | 'import';
  readonly file: string;
  /** The app's flags (group id, Redis URL, window size, ...): the scope is the app's own config. */
  readonly appArgs: readonly string[];
}

/** undefined when the app is started normally; a SavepointRequest, or a usage error, for `savepoint ...`. */
export function parseSavepointArgs(argv: readonly string[]): SavepointRequest | undefined {
  if (argv[0] !== 'savepoint') return undefined;
  const [, action, file, ...appArgs] = argv;
  if ((action !== 'export' && action !== 'import') || !file || file.startsWith('-')) {
    throw new OperationError('usage: savepoint export|import FILE [the app\'s flags, e.g. --group-id, --redis-url, --window-size-ms]');
  }
  return { action, file, appArgs };
}

/** The app's checkpoint Redis: its URL and its credentials and TLS settings (the app's own config). */
export interface SavepointRedis extends RedisSecurityConfig {
  readonly redisUrl: string;
}

/** Runs the request against the app's checkpoint Redis; returns the summary line. */
export async function runSavepoint(request: SavepointRequest, redisConfig: SavepointRedis, scope: SavepointScope): Promise<string> {
  const redis = createRedisClient(redisConfig.redisUrl, redisConfig, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    if (request.action === 'export') {
      const file = await exportSavepoint(redis, scope);
      writeFileSync(request.file, `${JSON.stringify(file, null, 2)}\n`);
      return `savepoint of ${scope.namespace}: ${file.partitions.length} partitions written to ${request.file}`;
    }
    let file: SavepointFile;
    try {
      file = JSON.parse(readFileSync(request.file, 'utf8')) as SavepointFile;
    } catch (err) {
      throw new OperationError(`cannot read savepoint ${request.file}: ${(err as Error).message}`);
    }
    const n = await importSavepoint(redis, file, scope);
    return `savepoint ${request.file} (${file.namespace}, ${file.exportedAt}) imported into ${scope.namespace}: ${n} partitions; start the app to resume from it`;
  } finally {
    redis.disconnect();
  }
}

/** For an app's main: the savepoint request of its command line, or undefined; usage errors exit 2. */
export function savepointRequestOrExit(app: string, argv: readonly string[]): SavepointRequest | undefined {
  try {
    return parseSavepointArgs(argv);
  } catch (err) {
    process.stderr.write(`${app}: ${(err as Error).message}\n`);
    return process.exit(2);
  }
}

/** For an app's main: runs the request, prints its summary (exit 0) or why it was refused (exit 1). */
export function runSavepointAndExit(app: string, request: SavepointRequest, redisConfig: SavepointRedis, scope: SavepointScope, fatal: (err: unknown) => void): void {
  runSavepoint(request, redisConfig, scope).then(
    (line) => {
      process.stdout.write(`${line}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      if (!(err instanceof OperationError)) return fatal(err);
      process.stderr.write(`${app}: ${err.message}\n`);
      process.exit(1);
    },
  );
}
