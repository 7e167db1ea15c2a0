import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StackEndpoints, StackSecurity } from './stack-endpoints';
import { findWorkspaceRoot } from './workspace-root';

/** Where `stack:up -- --secure` writes the apps' settings (tools/local-stack/src/stack-paths.ts). */
export function secureStackEnvFile(env: NodeJS.ProcessEnv = process.env): string {
  const plainDir = path.resolve(findWorkspaceRoot(), env['CLICKSTREAM_STACK_DIR'] || '.stack');
  return path.join(plainDir, 'secure', 'clickstream.env');
}

/** `KEY=value` lines (comments and blanks skipped), as the stack writes them. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1]) out[m[1]] = m[2] ?? '';
  }
  return out;
}

const secretOf = (vars: Record<string, string>, name: string): string => {
  const file = vars[name];
  if (!file) throw new Error(`${name} missing in the secure stack's env file`);
  return readFileSync(file, 'utf8').trim();
};

/**
 * The secure stack's endpoints from its env file: the apps' settings as they are (appEnv), and the
 * admin credentials the test harness itself uses to create topics, databases and to clean up.
 * Undefined when the file is not there yet (the stack was never started with --secure).
 */
export function readSecureStackEndpoints(env: NodeJS.ProcessEnv = process.env): StackEndpoints | undefined {
  const file = secureStackEnvFile(env);
  if (!existsSync(file)) return undefined;
  const vars = parseEnvFile(readFileSync(file, 'utf8'));
  const ca = readFileSync(vars['KAFKA_SSL_CA_FILE'] ?? '');
  const security: StackSecurity = {
    kafka: {
      ssl: { ca },
      sasl: { mechanism: 'scram-sha-512', username: vars['CLICKSTREAM_KAFKA_ADMIN_USER'] ?? '', password: secretOf(vars, 'CLICKSTREAM_KAFKA_ADMIN_PASSWORD_FILE') },
    },
    clickhouse: { username: vars['CLICKSTREAM_CLICKHOUSE_ADMIN_USER'] ?? '', password: secretOf(vars, 'CLICKSTREAM_CLICKHOUSE_ADMIN_PASSWORD_FILE') },
    redis: { username: vars['CLICKSTREAM_REDIS_ADMIN_USER'] ?? '', password: secretOf(vars, 'CLICKSTREAM_REDIS_ADMIN_PASSWORD_FILE'), tls: { ca } },
    appEnv: vars,
  };
  return {
    kafkaBrokers: (vars['KAFKA_BROKERS'] ?? '').split(','),
    clickhouseUrl: vars['CLICKHOUSE_URL'] ?? '',
    redisUrl: vars['REDIS_URL'] ?? '',
    security,
  };
}
