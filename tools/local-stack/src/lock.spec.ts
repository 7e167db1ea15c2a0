import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireLock } from './lock';
import { LockTimeoutError } from './stack-errors';

describe('acquireLock', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stack-lock-'));
    file = path.join(dir, 'stack.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the lock with our pid and removes it on release', async () => {
    const lock = await acquireLock(file, { timeoutMs: 1000 });
    expect(readFileSync(file, 'utf8').split(' ')[0]).toBe(String(process.pid));
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('makes a second taker wait until the first releases', async () => {
    const first = await acquireLock(file, { timeoutMs: 1000 });
    const waits: number[] = [];
    let secondAcquired = false;
    const second = acquireLock(file, { timeoutMs: 5000, pollMs: 10, onWait: (pid) => waits.push(pid) }).then((l) => {
      secondAcquired = true;
      return l;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(secondAcquired).toBe(false);
    expect(waits).toEqual([process.pid]);
    first.release();
    (await second).release();
    expect(secondAcquired).toBe(true);
  });

  it('takes over a lock whose holder died', async () => {
    const dead = spawnSync('true').pid as number; // exited and reaped: this pid runs nothing now
    writeFileSync(file, `${dead} 1\n`);
    const lock = await acquireLock(file, { timeoutMs: 1000, pollMs: 10 });
    expect(readFileSync(file, 'utf8').split(' ')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock whose pid was reused by another process (start time differs)', async () => {
    writeFileSync(file, `${process.pid} 1\n`); // our pid, but not our start time
    const lock = await acquireLock(file, { timeoutMs: 1000, pollMs: 10 });
    lock.release();
  });

  it('gives up after the timeout while a live process holds it', async () => {
    const held = await acquireLock(file, { timeoutMs: 1000 });
    await expect(acquireLock(file, { timeoutMs: 50, pollMs: 10 })).rejects.toBeInstanceOf(LockTimeoutError);
    held.release();
  });
});
