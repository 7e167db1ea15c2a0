import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { probeRedis } from '../health';
import { STACK_ENV, type StackSettings } from '../stack-settings';
import type { StackPaths } from '../stack-paths';
import { redisAdminSecurity, REDIS_ADMIN_USER, REDIS_APP_USER } from '../secure/client-security';
import type { StackSecrets } from '../secure/stack-secrets';
import { renderRedisConf } from './redis-config';
import type { ServiceDefinition } from './service-definition';

export function redisService(settings: StackSettings, paths: StackPaths, secrets?: () => StackSecrets): ServiceDefinition {
  const dataDir = paths.dataDir('redis');
  const configFile = path.join(paths.configDir('redis'), 'redis.conf');

  // redis-server replaces its command line with "redis-server host:port", so the config path is not
  // there to match on; its working directory is: `dir` makes it chdir into our data folder.
  const isOwnDataDir = (cwd: string | undefined): boolean => {
    if (!cwd) return false;
    try {
      return cwd === realpathSync(dataDir);
    } catch {
      return false;
    }
  };

  return {
    name: 'redis',
    address: `${settings.host}:${settings.redisPort}`,
    ports: [{ port: settings.redisPort, envVar: STACK_ENV.redisPort }],
    startTimeoutMs: 30_000,
    stopTimeoutMs: 15_000,
    logFiles: [paths.logFile('redis')],
    pidFile: paths.pidFile('redis'),
    isOwnProcess: (p) => (p.argv[0] ?? '').startsWith('redis-server') && isOwnDataDir(p.cwd),

    async prepare() {
      mkdirSync(dataDir, { recursive: true });
      mkdirSync(path.dirname(configFile), { recursive: true });
      const s = secrets?.();
      const security = s && {
        certFile: s.certs.serverCert,
        keyFile: s.certs.serverKey,
        caFile: s.certs.caCert,
        adminUser: REDIS_ADMIN_USER,
        adminPassword: s.passwords.redisAdmin,
        appUser: REDIS_APP_USER,
        appPassword: s.passwords.redisApp,
      };
      writeFileSync(configFile, renderRedisConf({ host: settings.host, port: settings.redisPort, dataDir, security }), { mode: 0o600 });
    },

    launchSpec: () => ({ command: 'redis-server', args: [configFile], cwd: dataDir }),

    checkHealth: () => probeRedis(settings.host, settings.redisPort, 2000, redisAdminSecurity(secrets?.())),
  };
}
