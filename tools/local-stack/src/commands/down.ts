import { mkdirSync } from 'node:fs';
import { acquireLock } from '../lock';
import { findOwnProcesses, removePidFile, stopProcess } from '../process-supervisor';
import type { ServiceDefinition } from '../services/service-definition';
import type { Stack } from '../stack-services';

/** Stops one service's processes (SIGTERM, SIGKILL after its stop timeout) and removes its pid file. */
export async function bringDown(stack: Stack, service: ServiceDefinition): Promise<void> {
  const pids = findOwnProcesses(service.isOwnProcess, service.pidFile);
  if (pids.length === 0) {
    stack.log(`${service.name.padEnd(10)} not running`);
    return;
  }
  for (const pid of pids) {
    const started = Date.now();
    const outcome = await stopProcess(pid, service.stopTimeoutMs);
    const note = outcome === 'killed' ? ` (no clean exit within ${service.stopTimeoutMs / 1000} s: SIGKILL)` : '';
    stack.log(`${service.name.padEnd(10)} ${outcome} (pid ${pid}, ${Date.now() - started} ms)${note}`);
  }
  removePidFile(service.pidFile);
}

/** Stops every service gracefully (in parallel) and verifies that none of our processes is left. */
export async function down(stack: Stack): Promise<boolean> {
  mkdirSync(stack.paths.runDir, { recursive: true });
  const lock = await acquireLock(stack.paths.lockFile, {
    timeoutMs: 10 * 60_000,
    onWait: (pid) => stack.log(`waiting for another stack command (pid ${pid}) to finish`),
  });
  try {
    await Promise.all(stack.services.map((s) => bringDown(stack, s)));
    const leftovers = stack.services.flatMap((s) =>
      findOwnProcesses(s.isOwnProcess, s.pidFile).map((pid) => `${s.name} (pid ${pid})`),
    );
    if (leftovers.length > 0) {
      stack.log(`still running after down: ${leftovers.join(', ')}`);
      return false;
    }
    return true;
  } finally {
    lock.release();
  }
}
