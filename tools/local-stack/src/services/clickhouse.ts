import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { probeClickHouse } from '../health';
import { StackError } from '../stack-errors';
import { STACK_ENV, type StackSettings } from '../stack-settings';
import type { StackPaths } from '../stack-paths';
import { CHDB_PACKAGE, resolvePinnedChdb } from './clickhouse-package';
import { renderClickHouseConfig, renderClickHouseUsers } from './clickhouse-users';
import type { ServiceDefinition } from './service-definition';
import { renderClickHouseSecureConfig, renderClickHouseUsersXml, STOP_SIGNAL_TABLE } from '../secure/clickhouse-users';
import type { StackSecrets } from '../secure/stack-secrets';

const LAUNCHER = path.join(__dirname, 'clickhouse-launcher.ts');

/** Databases the secure stack's app and reader users may use: the pipeline's, and the secure end-to-end test's. */
export const SECURE_APP_DATABASES = ['rt', 'e2e_secure*'] as const;

export function clickhouseService(settings: StackSettings, paths: StackPaths, secrets?: () => StackSecrets): ServiceDefinition {
  const dataDir = paths.dataDir('clickhouse');
  const controlDir = paths.serviceRunDir('clickhouse');
  const pathArg = `--path=${dataDir}`;
  const configDir = paths.configDir('clickhouse');
  const usersXml = path.join(configDir, 'users.xml');
  const configXml = path.join(configDir, 'config.xml');
  const tsxImport = () => pathToFileURL(require.resolve('tsx', { paths: [settings.repoRoot] })).href;
  // tsx passes --tsconfig on to child processes as a path relative to the CLI's cwd; the launcher
  // runs elsewhere, so point it at this project's tsconfig explicitly.
  const launcherEnv = () => ({ ...process.env, TSX_TSCONFIG_PATH: path.join(settings.repoRoot, 'tools', 'local-stack', 'tsconfig.lib.json') });
  const launcherArgs = (extra: string[]) => ['--import', tsxImport(), LAUNCHER, `--host=${settings.host}`, `--http-port=${settings.clickhousePort}`, pathArg, `--control-dir=${controlDir}`, ...extra];
  // Plain stack: the users file adds the read-only dashboards user; secure: every user has a password.
  const configArgs = secrets ? [`--config-file=${configXml}`, `--stop-table=${STOP_SIGNAL_TABLE}`] : [`--config-file=${configXml}`];

  /** Users with passwords and grants, and the stop table the restricted `default` session waits on. */
  const prepareSecure = (s: StackSecrets) => {
    mkdirSync(configDir, { recursive: true });
    const { passwords } = s;
    const users = renderClickHouseUsersXml({
      adminPassword: passwords.clickhouseAdmin,
      appPassword: passwords.clickhouseApp,
      readerPassword: passwords.clickhouseReader,
      appDatabases: SECURE_APP_DATABASES,
    });
    writeFileSync(usersXml, users, { mode: 0o600 });
    writeFileSync(configXml, renderClickHouseSecureConfig(usersXml), { mode: 0o600 });
    try {
      execFileSync(process.execPath, launcherArgs(['--init-stop-table', `--stop-table=${STOP_SIGNAL_TABLE}`]), {
        cwd: dataDir,
        env: launcherEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
      throw new StackError(`creating ClickHouse's stop table failed: ${(error as Error).message}\n${stderr}`, { dataDir });
    }
  };

  return {
    name: 'clickhouse',
    address: `http://${settings.host}:${settings.clickhousePort}`,
    ports: [{ port: settings.clickhousePort, envVar: STACK_ENV.clickhousePort }],
    startTimeoutMs: 60_000,
    // clickhouse-local waits up to 5 s for open (even idle keep-alive) connections, then shuts tables down.
    stopTimeoutMs: 20_000,
    logFiles: [paths.logFile('clickhouse')],
    pidFile: paths.pidFile('clickhouse'),
    isOwnProcess: (p) => p.argv.some((a) => a.endsWith('clickhouse-launcher.ts')) && p.argv.includes(pathArg),

    async prepare() {
      try {
        resolvePinnedChdb(settings.repoRoot); // fail here, with the reason, rather than in the launcher's log
      } catch (error) {
        throw new StackError((error as Error).message, { package: CHDB_PACKAGE });
      }
      mkdirSync(dataDir, { recursive: true });
      mkdirSync(controlDir, { recursive: true });
      if (secrets) {
        prepareSecure(secrets());
      } else {
        mkdirSync(configDir, { recursive: true });
        writeFileSync(usersXml, renderClickHouseUsers({ database: settings.clickhouseDatabase, readerPassword: settings.clickhouseReaderPassword }), { mode: 0o600 });
        writeFileSync(configXml, renderClickHouseConfig(usersXml));
      }
    },

    launchSpec: () => ({
      // One process: node loads tsx as an ESM hook (not the tsx CLI, which would fork a second node).
      command: process.execPath,
      args: launcherArgs([...configArgs, `--backups-dir=${paths.backupsDir('clickhouse')}`]),
      cwd: dataDir,
      env: launcherEnv(),
    }),

    checkHealth: () => probeClickHouse(settings.host, settings.clickhousePort),
  };
}
