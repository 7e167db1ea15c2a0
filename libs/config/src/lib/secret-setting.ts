import { readFileSync } from 'node:fs';
import type { ParseOutcome, Setting } from './setting';
import { REDACTED } from './redaction';

/**
 * Where a secret's value came from. Secrets are never taken from a command line (visible in `ps`):
 * the env var holds the value, `<ENV>_FILE` (the Docker/Kubernetes secrets convention) or the flag
 * holds the path of a file with the value (one trailing newline is dropped).
 */
export interface SecretSource {
  readonly raw: string;
  readonly source: 'flag' | 'env';
  /** How to name the origin in an error, e.g. `env REDIS_PASSWORD_FILE (/run/secrets/redis)`. */
  readonly where: string;
}

export type SecretLookup = { ok: true; value: SecretSource | undefined } | { ok: false; source: 'flag' | 'env'; message: string };

function readSecretFile(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/**
 * Resolves a secret setting: flag (a file path), then `<ENV>_FILE`, then `<ENV>`. A file that
 * cannot be read is a problem naming the setting and the path, never the content.
 */
export function lookupSecret(s: Setting<unknown>, flagValue: string | undefined, env: Readonly<Record<string, string | undefined>>): SecretLookup {
  const fileEnv = `${s.env}_FILE`;
  const fromFile = (path: string, source: 'flag' | 'env', name: string): SecretLookup => {
    try {
      return { ok: true, value: { raw: readSecretFile(path), source, where: `${name} (${path})` } };
    } catch (err) {
      return { ok: false, source, message: `${name} names a file that cannot be read: ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    }
  };
  if (flagValue !== undefined) return fromFile(flagValue, 'flag', `--${s.flag}`);
  const filePath = env[fileEnv];
  if (filePath !== undefined && filePath !== '') return fromFile(filePath, 'env', `env ${fileEnv}`);
  const value = env[s.env];
  if (value !== undefined && value !== '') return { ok: true, value: { raw: value, source: 'env', where: `env ${s.env}` } };
  return { ok: true, value: undefined };
}

/**
 * A password, token or key: from env `<ENV>` or a file (`<ENV>_FILE`, or the flag, which takes a
 * path). Optional (default ''), never echoed: --help shows `(secret)`, errors show ***.
 */
export function secretSetting(c: { env: string; flag: string; description: string }): Setting<string> {
  return {
    env: c.env,
    flag: c.flag,
    description: `${c.description} (secret: env ${c.env}, or a file named by env ${c.env}_FILE or --${c.flag})`,
    default: '',
    isBoolean: false,
    secret: true,
    parse: (raw): ParseOutcome<string> => (raw.includes('\n') ? { ok: false, expected: 'a single line' } : { ok: true, value: raw }),
    format: (v) => (v === '' ? '(none)' : REDACTED),
  };
}
