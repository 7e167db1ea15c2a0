import { secretSetting, stringSetting, type ConfigOf } from '@clickstream/config';
import { Redis, type RedisOptions } from 'ioredis';
import { readFileSync } from 'node:fs';

/**
 * Authentication and TLS of the checkpoint Redis, as settings beside REDIS_URL: an ACL user and a
 * password (a secret: env or file, never on a command line nor inside a URL that gets logged), and
 * a CA file for `rediss://` (TLS) endpoints.
 */
export function redisSecuritySettings() {
  return {
    redisUsername: stringSetting({ env: 'REDIS_USERNAME', flag: 'redis-username', default: '-', description: "Redis ACL user ('-' = the default user)" }),
    redisPassword: secretSetting({ env: 'REDIS_PASSWORD', flag: 'redis-password-file', description: 'Redis password (AUTH)' }),
    redisTlsCaFile: stringSetting({ env: 'REDIS_TLS_CA_FILE', flag: 'redis-tls-ca-file', default: '-', description: "PEM CA bundle for a rediss:// (TLS) Redis ('-' = the system's CAs)" }),
  };
}

export type RedisSecurityConfig = ConfigOf<ReturnType<typeof redisSecuritySettings>>;

const isSet = (v: string) => v !== '-' && v !== '';

/** Cross-field checks, phrased with the settings to fix. */
export function checkRedisSecurity(redisUrl: string, c: RedisSecurityConfig): string[] {
  const problems: string[] = [];
  if (isSet(c.redisTlsCaFile)) {
    if (!redisUrl.startsWith('rediss://')) problems.push('REDIS_TLS_CA_FILE is set but REDIS_URL is not rediss:// (TLS)');
    try {
      readFileSync(c.redisTlsCaFile);
    } catch (err) {
      problems.push(`REDIS_TLS_CA_FILE names a file that cannot be read: ${c.redisTlsCaFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (isSet(c.redisUsername) && c.redisPassword === '') problems.push('REDIS_USERNAME needs REDIS_PASSWORD (or REDIS_PASSWORD_FILE)');
  return problems;
}

/**
 * An ioredis client for REDIS_URL with the security settings on top (they win over credentials in
 * the URL). `rediss://` turns TLS on; the CA file, when set, is the only trusted root.
 */
export function createRedisClient(redisUrl: string, c: RedisSecurityConfig, options: RedisOptions = {}): Redis {
  const tls = redisUrl.startsWith('rediss://') ? { ...(isSet(c.redisTlsCaFile) ? { ca: readFileSync(c.redisTlsCaFile) } : {}) } : undefined;
  return new Redis(redisUrl, {
    ...options,
    ...(isSet(c.redisUsername) ? { username: c.redisUsername } : {}),
    ...(c.redisPassword !== '' ? { password: c.redisPassword } : {}),
    ...(tls ? { tls } : {}),
  });
}
