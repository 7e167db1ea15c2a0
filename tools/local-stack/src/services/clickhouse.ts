import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { probeClickHouse } from '../health';
import { StackError } from '../stack-errors';
import { STACK_ENV, type StackSettings } from '../stack-settings';
import type { StackPaths } from '../stack-paths';
import { CHDB_PACKAGE, resolvePinnedChdb } from './clickhouse-package';
import type { ServiceDefinition } from './service-definition';

const LAUNCHER = path.join(__dirname, 'clickhouse-launcher.ts');

export function clickhouseService(settings: StackSettings, paths: StackPaths): ServiceDefinition {
  const dataDir = paths.dataDir('clickhouse');
  const controlDir = paths.serviceRunDir('clickhouse');
  const pathArg = `--path=${dataDir}`;

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
    },

    launchSpec: () => ({
      // One process: node loads tsx as an ESM hook (not the tsx CLI, which would fork a second node).
      command: process.execPath,
      args: [
        '--import',
        pathToFileURL(require.resolve('tsx', { paths: [settings.repoRoot] })).href,
        LAUNCHER,
        `--host=${settings.host}`,
        `--http-port=${settings.clickhousePort}`,
        pathArg,
        `--control-dir=${controlDir}`,
        `--backups-dir=${paths.backupsDir('clickhouse')}`,
      ],
      cwd: dataDir,
      // tsx passes --tsconfig on to child processes as a path relative to the CLI's cwd; the launcher
      // runs elsewhere, so point it at this project's tsconfig explicitly.
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(settings.repoRoot, 'tools', 'local-stack', 'tsconfig.lib.json') },
    }),

    checkHealth: () => probeClickHouse(settings.host, settings.clickhousePort),
  };
}
