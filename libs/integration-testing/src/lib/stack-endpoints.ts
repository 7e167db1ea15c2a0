import type { KafkaConfig } from 'kafkajs';

/**
 * Where the local stack listens. Same variables and defaults as tools/local-stack (a lib must not
 * import a tool, so they are repeated here; tools/local-stack/README.md lists them).
 */
export interface StackEndpoints {
  kafkaBrokers: string[];
  clickhouseUrl: string;
  redisUrl: string;
  /** The secure stack (`stack:up -- --secure`): credentials and CA for every client; absent = plain. */
  security?: StackSecurity;
}

/** Admin credentials for the test harness's own clients, and the apps' settings (least-privilege users). */
export interface StackSecurity {
  kafka: Pick<KafkaConfig, 'ssl' | 'sasl'>;
  clickhouse: { username: string; password: string };
  redis: { username: string; password: string; tls: { ca: Buffer } };
  /** The env file's variables: what an app process needs against this stack. */
  appEnv: Record<string, string>;
}

const HOST = '127.0.0.1';

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name}=${raw} is not a port`);
  return value;
}

export function readStackEndpoints(env: NodeJS.ProcessEnv = process.env): StackEndpoints {
  return {
    kafkaBrokers: [`${HOST}:${port(env, 'CLICKSTREAM_KAFKA_PORT', 9092)}`],
    clickhouseUrl: `http://${HOST}:${port(env, 'CLICKSTREAM_CLICKHOUSE_PORT', 8123)}`,
    redisUrl: `redis://${HOST}:${port(env, 'CLICKSTREAM_REDIS_PORT', 6379)}`,
  };
}
