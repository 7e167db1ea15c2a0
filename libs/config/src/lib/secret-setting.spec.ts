import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error';
import { HelpRequested, loadConfig } from './load-config';
import { redactUrl } from './redaction';
import { secretSetting } from './secret-setting';
import { integerSetting, urlSetting } from './setting';

const spec = {
  password: secretSetting({ env: 'REDIS_PASSWORD', flag: 'redis-password-file', description: 'Redis password' }),
  redisUrl: urlSetting({ env: 'REDIS_URL', flag: 'redis-url', default: 'redis://127.0.0.1:6379', description: 'Redis' }),
  port: integerSetting({ env: 'PORT', flag: 'port', default: 1, description: 'a port' }),
};
const dir = mkdtempSync(path.join(tmpdir(), 'secret-setting-'));
const secretFile = path.join(dir, 'redis-password');
writeFileSync(secretFile, 'from-file-S3cret\n');

const load = (argv: string[], env: Record<string, string> = {}) => loadConfig(spec, { app: 'test-app', argv, env });
const problemsOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('secretSetting', () => {
  it('is empty by default and read from the env var', () => {
    expect(load([]).password).toBe('');
    expect(load([], { REDIS_PASSWORD: 'env-S3cret' }).password).toBe('env-S3cret');
  });

  it('reads <ENV>_FILE (one trailing newline dropped), which wins over the env var; the flag takes a file path', () => {
    expect(load([], { REDIS_PASSWORD_FILE: secretFile, REDIS_PASSWORD: 'env-S3cret' }).password).toBe('from-file-S3cret');
    expect(load(['--redis-password-file', secretFile], { REDIS_PASSWORD: 'env-S3cret' }).password).toBe('from-file-S3cret');
  });

  it('names the setting and the path of an unreadable file, not a value', () => {
    const message = problemsOf(() => load([], { REDIS_PASSWORD_FILE: path.join(dir, 'missing') }));
    expect(message).toContain('env REDIS_PASSWORD_FILE names a file that cannot be read');
    expect(message).toContain('ENOENT');
  });

  it('never echoes a secret: invalid values are shown as ***, --help shows (secret)', () => {
    const message = problemsOf(() => load(['--port', 'x'], { REDIS_PASSWORD: 'two\nlines-S3cret' }));
    expect(message).toContain("env REDIS_PASSWORD must be a single line, got '***'");
    expect(message).toContain('--port must be');
    expect(message).not.toContain('S3cret');
    try {
      load(['--help'], { REDIS_PASSWORD: 'env-S3cret' });
    } catch (e) {
      expect((e as HelpRequested).text).toMatch(/--redis-password-file\s+REDIS_PASSWORD\s+default \(none\)/);
      expect((e as HelpRequested).text).not.toContain('S3cret');
    }
  });
});

describe('URL redaction', () => {
  it('echoes a bad URL without its password', () => {
    const message = problemsOf(() => load([], { REDIS_URL: 'redis://:S3cretPass@127.0.0.1:99999999' }));
    expect(message).toContain("env REDIS_URL must be a URL such as http://127.0.0.1:8123, got 'redis://:***@127.0.0.1:99999999'");
    expect(message).not.toContain('S3cretPass');
  });

  it('keeps the user name, hides the password, and leaves URLs without credentials alone', () => {
    expect(redactUrl('rediss://app:pw@h:6380/0')).toBe('rediss://app:***@h:6380/0');
    expect(redactUrl('https://token@h')).toBe('https://***@h');
    expect(redactUrl('http://127.0.0.1:8123/?a=b@c')).toBe('http://127.0.0.1:8123/?a=b@c');
  });
});
