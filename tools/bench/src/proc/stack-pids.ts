import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Pids of the local stack's Kafka broker and ClickHouse server (the launcher process hosts the engine). */
export interface StackPids {
  kafka: number;
  clickhouse: number;
}

export class StackNotRunningError extends Error {
  constructor(readonly pidFile: string) {
    super(`no pid in ${pidFile}: start the stack first (npm run stack:up, with this checkout's port variables)`);
    this.name = 'StackNotRunningError';
  }
}

/** Reads the pid files `npm run stack:up` writes under <repo>/.stack/run. */
export function readStackPids(repoRoot: string): StackPids {
  const read = (service: string): number => {
    const file = path.join(repoRoot, '.stack', 'run', `${service}.pid`);
    let pid: number;
    try {
      pid = Number(readFileSync(file, 'utf8').trim());
    } catch {
      throw new StackNotRunningError(file);
    }
    if (!Number.isInteger(pid) || pid <= 0) throw new StackNotRunningError(file);
    return pid;
  };
  return { kafka: read('kafka'), clickhouse: read('clickhouse') };
}
