import path from 'node:path';
import { SettingsError } from './stack-errors';

/** The environment variables the stack reads; the integration-testing lib reads the same ones. */
export const STACK_ENV = {
  stackDir: 'CLICKSTREAM_STACK_DIR',
  kafkaPort: 'CLICKSTREAM_KAFKA_PORT',
  kafkaControllerPort: 'CLICKSTREAM_KAFKA_CONTROLLER_PORT',
  clickhousePort: 'CLICKSTREAM_CLICKHOUSE_PORT',
  redisPort: 'CLICKSTREAM_REDIS_PORT',
  prometheusPort: 'CLICKSTREAM_PROMETHEUS_PORT',
  supersetPort: 'CLICKSTREAM_SUPERSET_PORT',
  clickhouseReaderPassword: 'CLICKSTREAM_CLICKHOUSE_READER_PASSWORD',
  supersetAdminUser: 'CLICKSTREAM_SUPERSET_ADMIN_USER',
  supersetAdminPassword: 'CLICKSTREAM_SUPERSET_ADMIN_PASSWORD',
  clicksPartitions: 'CLICKSTREAM_CLICKS_PARTITIONS',
  /** The secure stack's port offset from the plain stack's ports (default 100). */
  securePortOffset: 'CLICKSTREAM_SECURE_PORT_OFFSET',
} as const;

/** The secure stack runs beside the plain one: its own folder inside the plain one's, ports shifted by this. */
export const DEFAULT_SECURE_PORT_OFFSET = 100;

export interface StackSettings {
  readonly repoRoot: string;
  readonly stackDir: string;
  /** Kafka jars: the secure stack shares the plain stack's download. */
  readonly cacheDir: string;
  /** `stack:up -- --secure`: SASL_SSL Kafka, TLS + ACL Redis, ClickHouse users (stack-security.ts). */
  readonly secure: boolean;
  /** Loopback only: nothing of the dev stack is reachable from the network. */
  readonly host: '127.0.0.1';
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly clickhousePort: number;
  readonly redisPort: number;
  readonly prometheusPort: number;
  readonly supersetPort: number;
  /** Password of `clickstream_reader`, the read-only ClickHouse user the dashboards log in with. */
  readonly clickhouseReaderPassword: string;
  readonly supersetAdmin: { readonly user: string; readonly password: string };
  readonly clicksPartitions: number;
  /** ClickHouse database the migrations go into (the apps' CLICKHOUSE_DATABASE default). */
  readonly clickhouseDatabase: 'rt';
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name}=${raw} must be an integer between ${min} and ${max}`, { name, raw });
  }
  return value;
}

export function readStackSettings(env: NodeJS.ProcessEnv, repoRoot: string, options: { secure?: boolean } = {}): StackSettings {
  const secure = options.secure === true;
  const offset = secure ? intSetting(env, STACK_ENV.securePortOffset, DEFAULT_SECURE_PORT_OFFSET, 1, 10_000) : 0;
  const port = (name: string, fallback: number) => {
    const value = intSetting(env, name, fallback, 1, 65535) + offset;
    if (value > 65535) throw new SettingsError(`${name} + ${STACK_ENV.securePortOffset} (${offset}) = ${value} is not a port`, { name });
    return value;
  };
  const plainDir = path.resolve(repoRoot, env[STACK_ENV.stackDir] || '.stack');
  const settings: StackSettings = {
    repoRoot,
    stackDir: secure ? path.join(plainDir, 'secure') : plainDir,
    cacheDir: path.join(plainDir, 'cache'),
    secure,
    host: '127.0.0.1',
    kafkaPort: port(STACK_ENV.kafkaPort, 9092),
    kafkaControllerPort: port(STACK_ENV.kafkaControllerPort, 9093),
    clickhousePort: port(STACK_ENV.clickhousePort, 8123),
    redisPort: port(STACK_ENV.redisPort, 6379),
    prometheusPort: port(STACK_ENV.prometheusPort, 9090),
    supersetPort: port(STACK_ENV.supersetPort, 8088),
    // Local defaults, as the seed's admin/admin: the stack listens on loopback only.
    clickhouseReaderPassword: env[STACK_ENV.clickhouseReaderPassword] || 'clickstream_reader',
    supersetAdmin: {
      user: env[STACK_ENV.supersetAdminUser] || 'admin',
      password: env[STACK_ENV.supersetAdminPassword] || 'admin',
    },
    clicksPartitions: intSetting(env, STACK_ENV.clicksPartitions, 4, 1, 1000),
    clickhouseDatabase: 'rt',
  };
  const ports: [string, number][] = [
    [STACK_ENV.kafkaPort, settings.kafkaPort],
    [STACK_ENV.kafkaControllerPort, settings.kafkaControllerPort],
    [STACK_ENV.clickhousePort, settings.clickhousePort],
    [STACK_ENV.redisPort, settings.redisPort],
    [STACK_ENV.prometheusPort, settings.prometheusPort],
    [STACK_ENV.supersetPort, settings.supersetPort],
  ];
  for (const [i, [name, value]] of ports.entries()) {
    const clash = ports.slice(i + 1).find(([, other]) => other === value);
    if (clash) throw new SettingsError(`${name} and ${clash[0]} are both ${value}`, { port: value });
  }
  return settings;
}
