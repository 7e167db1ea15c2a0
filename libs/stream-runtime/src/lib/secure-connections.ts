import type { ClickHouseClient } from '@clickhouse/client';
import { checkRedisSecurity, explainRedisConnectFailure } from '@clickstream/checkpoint';
import { ConfigError } from '@clickstream/config';
import { checkKafkaSecurity, explainKafkaConnectFailure } from '@clickstream/kafka';
import type { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import { readFileSync } from 'node:fs';
import type { ConsumerAppSettings } from './consumer-app';

/** A security setting that cannot work (a CA file that is not there, SASL without a password) stops the app before any I/O, exit 2. */
export function exitOnSecurityProblems(app: string, s: ConsumerAppSettings): void {
  const problems = [...checkKafkaSecurity(s), ...checkRedisSecurity(s.redisUrl, s), ...checkClickHouseTls(s.clickhouseUrl, s.clickhouseCaFile)];
  if (problems.length === 0) return;
  const error = new ConfigError(app, problems.map((message) => ({ setting: 'security', source: 'env' as const, message })));
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

function checkClickHouseTls(url: string, caFile: string): string[] {
  if (caFile === '-' || caFile === '') return [];
  if (!url.startsWith('https://')) return ['CLICKHOUSE_CA_FILE is set but CLICKHOUSE_URL is not https://'];
  try {
    readFileSync(caFile);
    return [];
  } catch (err) {
    return [`CLICKHOUSE_CA_FILE names a file that cannot be read: ${caFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`];
  }
}

/** @clickhouse/client's `tls` option for a private CA. */
export function clickhouseTls(caFile: string): { tls?: { ca_cert: Buffer } } {
  return caFile === '-' || caFile === '' ? {} : { tls: { ca_cert: readFileSync(caFile) } };
}

/** ClickHouse answers /ping without a password: a query proves the credentials. */
async function verifyClickHouse(clickhouse: ClickHouseClient, s: ConsumerAppSettings): Promise<void> {
  try {
    await clickhouse.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (/AUTHENTICATION_FAILED|REQUIRED_PASSWORD|Authentication failed/i.test(message) || (err as { code?: string }).code === '516') {
      throw new StartupSecurityError(`clickhouse: authentication failed as user '${s.clickhouseUser}': check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD (or CLICKHOUSE_PASSWORD_FILE)`, err);
    }
    if (/certificate|self[- ]signed|SSL|TLS|EPROTO/i.test(`${message} ${(err as NodeJS.ErrnoException).code ?? ''}`)) {
      throw new StartupSecurityError(`clickhouse: TLS failed (${message}): check CLICKHOUSE_URL and CLICKHOUSE_CA_FILE`, err);
    }
    throw err;
  }
}

/** A connection refused because of credentials or TLS: the message names the service and the settings, never a secret. */
export class StartupSecurityError extends Error {
  override readonly name = 'StartupSecurityError';
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/** Connects the three clients; a failure caused by security settings becomes a StartupSecurityError saying what to fix. */
export async function connectOrExplain(
  app: string,
  s: ConsumerAppSettings,
  clients: { redis: Redis; dlqProducer: Producer; clickhouse: ClickHouseClient },
): Promise<void> {
  const explain = (service: (err: unknown) => string | undefined) => (err: unknown) => {
    const why = service(err);
    throw why ? new StartupSecurityError(`${app}: ${why}`, err) : err;
  };
  // ioredis rejects connect() with "Connection is closed" after a refused AUTH; the reason is the
  // error event before it.
  let lastRedisError: unknown;
  const remember = (err: unknown) => (lastRedisError = err);
  clients.redis.on('error', remember);
  await Promise.all([
    clients.redis
      .connect()
      .then(() => clients.redis.ping())
      .catch((err: unknown) => explain(explainRedisConnectFailure)(explainRedisConnectFailure(err) ? err : (lastRedisError ?? err)))
      .finally(() => clients.redis.off('error', remember)),
    clients.dlqProducer.connect().catch(explain(explainKafkaConnectFailure)),
    verifyClickHouse(clients.clickhouse, s).catch((err: unknown) => {
      throw err instanceof StartupSecurityError ? new StartupSecurityError(`${app}: ${err.message}`, err.cause) : err;
    }),
  ]);
}
