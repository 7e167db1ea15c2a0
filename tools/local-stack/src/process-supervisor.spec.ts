import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOwnProcesses, launchDetached, readPidFile, stopProcess } from './process-supervisor';
import { isProcessRunning, readProcess } from './process-table';

jest.setTimeout(20_000);

describe('process supervisor', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stack-supervisor-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('launches detached with a pid file and log, finds the process again, and stops it with SIGTERM', async () => {
    const marker = `${3000 + Math.floor(Math.random() * 1000)}.${process.pid}`; // a sleep no one else runs
    const pidFile = path.join(dir, 'run', 'svc.pid');
    const logFile = path.join(dir, 'logs', 'svc.log');
    const launched = launchDetached({ command: 'sleep', args: [marker], cwd: path.join(dir, 'data') }, logFile, pidFile);

    expect(readPidFile(pidFile)).toBe(launched.pid);
    expect(readFileSync(logFile, 'utf8')).toContain(`starting: sleep ${marker}`);
    const info = readProcess(launched.pid);
    expect(info?.argv).toEqual(['sleep', marker]);
    expect(info?.cwd).toBe(path.join(dir, 'data'));

    const isOwn = (p: { argv: string[] }) => p.argv[0] === 'sleep' && p.argv[1] === marker;
    rmSync(pidFile); // a lost pid file: the process is found by scanning
    expect(findOwnProcesses(isOwn, pidFile)).toEqual([launched.pid]);
    expect(readPidFile(pidFile)).toBe(launched.pid);

    expect(await stopProcess(launched.pid, 5000)).toBe('stopped');
    expect(isProcessRunning(launched.pid)).toBe(false);
    expect(findOwnProcesses(isOwn, pidFile)).toEqual([]);
    expect(readPidFile(pidFile)).toBeUndefined();
  });

  it('falls back to SIGKILL when SIGTERM is ignored', async () => {
    const launched = launchDetached(
      { command: 'bash', args: ['-c', "trap '' TERM; while true; do sleep 0.05; done"], cwd: dir },
      path.join(dir, 'stubborn.log'),
      path.join(dir, 'stubborn.pid'),
    );
    await new Promise((r) => setTimeout(r, 200)); // let bash install the trap
    expect(await stopProcess(launched.pid, 300)).toBe('killed');
    expect(isProcessRunning(launched.pid)).toBe(false);
  });

  it('reports the exit of a process that dies at start', async () => {
    const launched = launchDetached({ command: 'bash', args: ['-c', 'exit 3'], cwd: dir }, path.join(dir, 'x.log'), path.join(dir, 'x.pid'));
    for (let i = 0; i < 100 && launched.exitStatus() === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    expect(launched.exitStatus()).toBe('exited with code 3');
  });
});
