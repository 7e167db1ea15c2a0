/**
 * ClickHouse 26.7 as a local HTTP server, from npm only: libchdb.so (@chdb/lib-linux-x64-gnu) holds
 * clickhouse-local, whose 26.x can open real listeners with `SYSTEM START LISTEN HTTP`, but only on
 * the code path of query_stable_v2(argc, argv) (clickhouse-local's main). ffi-rs calls it on a thread
 * of its own (runInNewThread: koffi's small stack overflows). The last query of the session blocks
 * reading a FIFO, which keeps the listener up until SIGTERM writes to the FIFO: then ClickHouse ends
 * the query, stops listening and shuts its tables down cleanly.
 *
 * Runs as its own process, spawned by services/clickhouse.ts:
 *   node --import tsx clickhouse-launcher.ts --host=127.0.0.1 --http-port=8123 --path=DIR --control-dir=DIR [--config-file=FILE] [--backups-dir=DIR]
 * --config-file: a clickhouse-local config (services/clickhouse-users.ts: the users and their grants).
 * Exit code 0 after a requested stop, 1 if ClickHouse returned on its own (reason on stderr above).
 *
 * The secure stack adds --config-file=FILE (users with passwords and grants) and --stop-table=DB.TABLE.
 * libchdb has no --user/--password, so clickhouse-local's own session is the passwordless `default`
 * user, which the users file restricts to opening listeners and reading the stop table: a File table
 * over the FIFO, because reading file() directly needs READ ON FILE, which would let anyone on
 * loopback read any file. An unrestricted `--init-stop-table` run (no config file, no listener)
 * creates that table first.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DataType, load, open } from 'ffi-rs';
import { resolvePinnedChdb } from './clickhouse-package';

function parseArgs(argv: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (arg === '--init-stop-table') {
      options['init-stop-table'] = '1';
      continue;
    }
    if (!m?.[1] || m[2] === undefined) throw new Error(`clickhouse-launcher: bad argument ${arg}`);
    options[m[1]] = m[2];
  }
  for (const required of ['host', 'http-port', 'path', 'control-dir']) {
    if (!options[required]) throw new Error(`clickhouse-launcher: --${required}=... is required`);
  }
  return options;
}

/** A ClickHouse string literal. */
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * `BACKUP ... TO Disk('backups', name)` / `RESTORE ... FROM Disk('backups', name)` need a disk named
 * `backups` that backups may use (the same name the server image gets from
 * infra/clickhouse-server/config.d/backups.xml), outside the data path so losing the data keeps them.
 */
/**
 * clickhouse-local reads one config file: the given one (users, grants) with the backups disk
 * (BACKUP/RESTORE of `npm run backup`) added to it, written beside the FIFO.
 */
function configFileArgs(configFile: string | undefined, backupsDir: string | undefined, controlDir: string): string[] {
  if (!backupsDir) return configFile ? [`--config-file=${path.resolve(configFile)}`] : [];
  const dir = `${path.resolve(backupsDir)}/`;
  mkdirSync(dir, { recursive: true });
  const backups = `  <storage_configuration><disks><backups><type>local</type><path>${dir}</path></backups></disks></storage_configuration>
  <backups><allowed_disk>backups</allowed_disk><allowed_path>${dir}</allowed_path></backups>
`;
  const base = configFile ? readFileSync(configFile, 'utf8') : '<clickhouse>\n</clickhouse>\n';
  const close = base.lastIndexOf('</clickhouse>');
  if (close < 0) throw new Error(`${configFile}: no </clickhouse> to add the backups disk to`);
  const file = path.join(controlDir, 'clickhouse-config.xml');
  writeFileSync(file, `${base.slice(0, close)}${backups}${base.slice(close)}`, { mode: 0o600 });
  return [`--config-file=${file}`];
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const host = options['host'] as string;
  const dataPath = path.resolve(options['path'] as string);
  const controlDir = path.resolve(options['control-dir'] as string);

  const { version, libchdb } = resolvePinnedChdb(__dirname);

  mkdirSync(dataPath, { recursive: true });
  mkdirSync(controlDir, { recursive: true });
  const fifo = path.join(controlDir, 'stop.fifo');
  rmSync(fifo, { force: true }); // a FIFO left by a killed launcher would still work, but start clean
  execFileSync('mkfifo', [fifo]);
  // O_RDWR never blocks on a FIFO and keeps a writer open, so ClickHouse's read waits for our line.
  const fifoFd = openSync(fifo, constants.O_RDWR);

  const stopTable = options['stop-table'];
  if (options['init-stop-table'] !== undefined && stopTable) {
    initStopTable(libchdb, dataPath, stopTable, fifo);
    return;
  }

  const argv = [
    'clickhouse',
    ...configFileArgs(options['config-file'], options['backups-dir'], controlDir),
    `--listen_host=${host}`,
    `--http_port=${options['http-port']}`,
    `--path=${dataPath}`,
    // Warnings and errors (failed merges, a busy port) go to stderr, i.e. .stack/logs/clickhouse.log.
    '--log-level=warning',
    `--query=${[
      'SYSTEM START LISTEN HTTP',
      // Blocks until the FIFO gets EOF.
      stopTable ? `SELECT count() FROM ${stopTable}` : `SELECT count() FROM file(${quote(fifo)}, 'LineAsString')`,
    ].join(';\n')}`,
  ];

  const started = Date.now();
  let stopRequestedAt: number | undefined;
  const keepAlive = setInterval(() => undefined, 1 << 30); // ffi-rs' thread does not keep Node's loop alive

  const stop = (signal: string): void => {
    if (stopRequestedAt !== undefined) return;
    stopRequestedAt = Date.now();
    console.log(`clickhouse-launcher: ${signal}: stopping (ends the blocking query, then ClickHouse shuts down)`);
    writeSync(fifoFd, 'stop\n');
    closeSync(fifoFd); // EOF for ClickHouse's read
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  console.log(`clickhouse-launcher: ClickHouse ${version} on http://${host}:${options['http-port']}, data in ${dataPath}`);
  open({ library: 'chdb', path: libchdb });
  load({
    library: 'chdb',
    funcName: 'query_stable_v2',
    retType: DataType.External,
    paramsType: [DataType.I32, DataType.StringArray],
    paramsValue: [argv.length, argv],
    runInNewThread: true,
  })
    .catch((error: unknown) => console.error('clickhouse-launcher: query_stable_v2 failed:', error))
    .finally(() => {
      clearInterval(keepAlive);
      rmSync(fifo, { force: true });
      if (stopRequestedAt !== undefined) {
        console.log(`clickhouse-launcher: stopped ${Date.now() - stopRequestedAt} ms after the request`);
        process.exit(0);
      }
      console.error(`clickhouse-launcher: ClickHouse returned on its own after ${Date.now() - started} ms (see above)`);
      process.exit(1);
    });
}

/** Creates the stop table over the FIFO with an unrestricted session (no users file, no listener), then exits. */
function initStopTable(libchdb: string, dataPath: string, stopTable: string, fifo: string): void {
  const [database] = stopTable.split('.');
  const argv = [
    'clickhouse',
    `--path=${dataPath}`,
    '--log-level=warning',
    `--query=${[
      `CREATE DATABASE IF NOT EXISTS ${database}`,
      `CREATE OR REPLACE TABLE ${stopTable} (line String) ENGINE = File(LineAsString, ${quote(fifo)})`,
    ].join(';\n')}`,
  ];
  const keepAlive = setInterval(() => undefined, 1 << 30);
  open({ library: 'chdb', path: libchdb });
  load({
    library: 'chdb',
    funcName: 'query_stable_v2',
    retType: DataType.External,
    paramsType: [DataType.I32, DataType.StringArray],
    paramsValue: [argv.length, argv],
    runInNewThread: true,
  })
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error('clickhouse-launcher: creating the stop table failed:', error);
      process.exit(1);
    })
    .finally(() => clearInterval(keepAlive));
}

main();
