import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readProcess } from './process-table';
import { LockTimeoutError } from './stack-errors';

export interface StackLock {
  release(): void;
}

interface LockOwner {
  pid: number;
  startTime: number;
}

function ownerOf(content: string): LockOwner | undefined {
  const [pid, startTime] = content.trim().split(' ').map(Number);
  return pid && Number.isInteger(pid) ? { pid, startTime: startTime ?? 0 } : undefined;
}

/** The holder is alive when its pid runs with the same start time (a reused pid is another process). */
function isOwnerAlive(owner: LockOwner): boolean {
  const info = readProcess(owner.pid);
  return info !== undefined && info.state !== 'Z' && (owner.startTime === 0 || info.startTime === owner.startTime);
}

function tryCreate(file: string, content: string): boolean {
  try {
    const fd = openSync(file, 'wx'); // O_CREAT|O_EXCL: exactly one creator wins
    writeSync(fd, content);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes a lock whose holder died. Renaming first makes the removal atomic: of two waiters that both
 * saw the dead holder, only one gets the file; if what it got is not the dead holder's (a live
 * process took the lock in between), it puts it back.
 */
function breakStaleLock(file: string, stale: string): void {
  const tombstone = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, tombstone);
  } catch {
    return; // someone else broke it first
  }
  if (readFileSync(tombstone, 'utf8') !== stale) {
    try {
      linkSync(tombstone, file); // fails if a third process already holds a new lock: theirs wins
    } catch {
      // keep theirs
    }
  }
  rmSync(tombstone, { force: true });
}

/**
 * Takes the stack lock (one `up`/`down` at a time, across processes). Waits while a live process
 * holds it, takes over a lock whose holder died.
 */
export async function acquireLock(
  file: string,
  options: { timeoutMs: number; pollMs?: number; onWait?: (holderPid: number) => void },
): Promise<StackLock> {
  const self = readProcess(process.pid);
  const content = `${process.pid} ${self?.startTime ?? 0}\n`;
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  for (;;) {
    if (tryCreate(file, content)) break;
    let existing = '';
    try {
      existing = readFileSync(file, 'utf8');
    } catch {
      continue; // released between our create and read
    }
    const owner = ownerOf(existing);
    if (!owner || !isOwnerAlive(owner)) {
      breakStaleLock(file, existing);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`another stack command (pid ${owner.pid}) has held ${file} for too long`, {
        file,
        holderPid: owner.pid,
      });
    }
    if (!announced) {
      options.onWait?.(owner.pid);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
  }

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8') === content) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.on('exit', release); // also on process.exit() after an error
  return { release };
}
