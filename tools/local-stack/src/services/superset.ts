import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StackError } from '../stack-errors';
import { STACK_ENV, type StackSettings } from '../stack-settings';
import type { StackPaths } from '../stack-paths';
import { CLICKHOUSE_READER_USER } from './clickhouse-users';
import { probeHttpOk } from './prometheus';
import type { ServiceDefinition } from './service-definition';

/** Installed by tools/scripts/ensure-superset.sh (pins: infra/superset/constraints.txt). */
export const SUPERSET_VERSION = '6.1.0';

export function supersetVenv(paths: StackPaths): string {
  return path.join(paths.cacheDir, `superset-${SUPERSET_VERSION}`, 'venv');
}

/**
 * Apache Superset on the local ClickHouse, provisioned from infra/superset at every start: metadata
 * in SQLite under data/superset (migrated when the Superset version changes), the admin user, and
 * the Clickstream dashboard imported from the export in git. Served by gunicorn (one process,
 * threads: a dashboard loads its charts in parallel). On demand: `tools/scripts/superset.sh up`
 * installs the venv and starts it; `npm start` does that in the background.
 */
export function supersetService(settings: StackSettings, paths: StackPaths): ServiceDefinition {
  const venv = supersetVenv(paths);
  const gunicorn = path.join(venv, 'bin', 'gunicorn');
  const home = paths.dataDir('superset');
  const logFile = paths.logFile('superset');
  const infraDir = path.join(settings.repoRoot, 'infra', 'superset');
  const secretFile = path.join(home, 'secret_key');
  const schemaStamp = path.join(home, '.schema-version');

  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    SUPERSET_CONFIG_PATH: path.join(infraDir, 'superset_config.py'),
    CLICKSTREAM_SUPERSET_HOME: home,
    CLICKSTREAM_SUPERSET_SECRET_KEY: readFileSync(secretFile, 'utf8').trim(),
    FLASK_APP: 'superset.app:create_app()',
    PYTHONUNBUFFERED: '1',
  });

  /** Runs a step in the venv with output appended to the service log; throws with the log's hint. */
  const runStep = (description: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): void => {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const out = openSync(logFile, 'a');
    try {
      writeFileSync(out, `\n==== ${new Date().toISOString()} ${description}: ${command} ${args.join(' ')}\n`);
      const result = spawnSync(command, args, { cwd: home, env: { ...env(), ...extraEnv }, stdio: ['ignore', out, out], timeout: 10 * 60_000 });
      if (result.status !== 0) {
        throw new StackError(`superset: ${description} failed (${result.error?.message ?? `exit ${result.status}`}); see ${logFile}`, { logFile });
      }
    } finally {
      closeSync(out);
    }
  };

  return {
    name: 'superset',
    address: `http://${settings.host}:${settings.supersetPort}`,
    onDemand: true,
    ports: [{ port: settings.supersetPort, envVar: STACK_ENV.supersetPort }],
    startTimeoutMs: 180_000,
    stopTimeoutMs: 20_000,
    logFiles: [logFile],
    pidFile: paths.pidFile('superset'),
    isOwnProcess: (p) => p.argv.includes(gunicorn),

    async prepare(log) {
      if (!existsSync(path.join(venv, '.clickstream-pins-hash'))) {
        throw new StackError(`superset is not installed in ${venv}: run bash tools/scripts/superset.sh up (installs, then starts it)`, { venv });
      }
      mkdirSync(home, { recursive: true });
      if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(42).toString('base64'), { mode: 0o600 });
      const bin = (name: string) => path.join(venv, 'bin', name);
      if (!existsSync(schemaStamp) || readFileSync(schemaStamp, 'utf8').trim() !== SUPERSET_VERSION) {
        log('superset: creating/migrating its metadata database (first start: about half a minute)');
        runStep('db upgrade', bin('superset'), ['db', 'upgrade']);
        runStep('init (roles and permissions)', bin('superset'), ['init']);
        writeFileSync(schemaStamp, `${SUPERSET_VERSION}\n`);
      }
      const password = encodeURIComponent(settings.clickhouseReaderPassword);
      runStep('provision (admin user, ClickHouse connection, Clickstream dashboard)', bin('python'), [path.join(infraDir, 'provision.py')], {
        CLICKSTREAM_SUPERSET_ADMIN_USER: settings.supersetAdmin.user,
        CLICKSTREAM_SUPERSET_ADMIN_PASSWORD: settings.supersetAdmin.password,
        CLICKSTREAM_SUPERSET_CLICKHOUSE_URI: `clickhousedb://${CLICKHOUSE_READER_USER}:${password}@${settings.host}:${settings.clickhousePort}/${settings.clickhouseDatabase}`,
        CLICKSTREAM_SUPERSET_EXPORT_DIR: path.join(infraDir, 'dashboard-export'),
      });
    },

    launchSpec: () => ({
      command: gunicorn,
      args: [
        '--bind', `${settings.host}:${settings.supersetPort}`,
        '--workers', '1',
        '--worker-class', 'gthread',
        '--threads', '8',
        '--timeout', '120',
        // SIGTERM: stop within the stack's stop timeout even with a slow request in flight.
        '--graceful-timeout', '10',
        '--limit-request-line', '0',
        '--limit-request-field_size', '0',
        'superset.app:create_app()',
      ],
      cwd: home,
      env: env(),
    }),

    checkHealth: () => probeHttpOk(settings.host, settings.supersetPort, '/health'),
  };
}
