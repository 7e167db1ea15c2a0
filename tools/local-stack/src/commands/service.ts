import { mkdirSync, rmSync } from 'node:fs';
import { acquireLock, type StackLock } from '../lock';
import { assertPortsFree } from '../port-check';
import { findOwnProcesses } from '../process-supervisor';
import type { ServiceDefinition } from '../services/service-definition';
import { StackError } from '../stack-errors';
import type { Stack } from '../stack-services';
import { bringDown } from './down';
import { bringUp } from './up';

/**
 * One service at a time, for fault drills and debugging: `stop <svc>`, `start <svc>`, `wipe <svc>`.
 * Unlike `up`, `start` does not bootstrap the schema: the service comes back with its own data.
 */
export function selectService(stack: Stack, name: string | undefined): ServiceDefinition {
  const service = stack.services.find((s) => s.name === name);
  if (!service) {
    throw new StackError(`unknown service "${name ?? ''}" (one of ${stack.services.map((s) => s.name).join(', ')})`, { name });
  }
  return service;
}

async function withStackLock<T>(stack: Stack, step: () => Promise<T>): Promise<T> {
  mkdirSync(stack.paths.runDir, { recursive: true });
  const lock: StackLock = await acquireLock(stack.paths.lockFile, {
    timeoutMs: 10 * 60_000,
    onWait: (pid) => stack.log(`waiting for another stack command (pid ${pid}) to finish`),
  });
  try {
    return await step();
  } finally {
    lock.release();
  }
}

export function stopService(stack: Stack, name: string | undefined): Promise<boolean> {
  const service = selectService(stack, name);
  return withStackLock(stack, async () => {
    await bringDown(stack, service);
    return findOwnProcesses(service.isOwnProcess, service.pidFile).length === 0;
  });
}

export function startService(stack: Stack, name: string | undefined): Promise<boolean> {
  const service = selectService(stack, name);
  return withStackLock(stack, async () => {
    const runningPid = findOwnProcesses(service.isOwnProcess, service.pidFile)[0];
    if (runningPid === undefined) await assertPortsFree(service.name, stack.settings.host, service.ports);
    const r = await bringUp(stack, { service, runningPid });
    stack.log(`${r.service.padEnd(10)} ${r.action} (pid ${r.pid}, ${r.ms} ms)`);
    return true;
  });
}

/** Deletes a stopped service's data folder, so its next start is from scratch (e.g. Redis restarted empty). */
export function wipeService(stack: Stack, name: string | undefined): Promise<boolean> {
  const service = selectService(stack, name);
  return withStackLock(stack, async () => {
    const pids = findOwnProcesses(service.isOwnProcess, service.pidFile);
    if (pids.length > 0) {
      throw new StackError(`${service.name} is running (pid ${pids.join(', ')}): stop it before wiping its data`, { service: service.name, pids });
    }
    const dataDir = stack.paths.dataDir(service.name);
    rmSync(dataDir, { recursive: true, force: true });
    stack.log(`${service.name.padEnd(10)} data deleted (${dataDir})`);
    return true;
  });
}
