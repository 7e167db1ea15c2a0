import { mkdirSync } from 'node:fs';
import { FatalProbeError, pollUntil } from '../health';
import { acquireLock } from '../lock';
import { assertPortsFree } from '../port-check';
import { findOwnProcesses, launchDetached, tailOfFile } from '../process-supervisor';
import { isProcessRunning } from '../process-table';
import type { ServiceDefinition } from '../services/service-definition';
import { ServiceStartError, StackError } from '../stack-errors';
import { writeClientEnv } from '../secure/client-env-file';
import { bootstrapSchema } from '../stack-schema';
import type { Stack } from '../stack-services';

export type UpOutcome = { service: string; pid: number; action: 'already running' | 'started'; ms: number };

/** Polls the service's health while watching that its process is still there. */
async function waitHealthy(service: ServiceDefinition, pid: number, exitStatus: () => string | undefined): Promise<void> {
  try {
    await pollUntil(
      async () => {
        const exited = exitStatus() ?? (isProcessRunning(pid) ? undefined : 'exited');
        if (exited) throw new FatalProbeError(`the process (pid ${pid}) ${exited}`);
        await service.checkHealth();
      },
      { timeoutMs: service.startTimeoutMs, intervalMs: 200, description: service.name },
    );
  } catch (error) {
    const logFile = service.logFiles[0] ?? '';
    throw new ServiceStartError(service.name, (error as Error).message, logFile, tailOfFile(logFile));
  }
}

/** A service of ours that already runs (pid), or one to start once its ports are known to be free. */
export type Plan = { service: ServiceDefinition; runningPid: number | undefined };

export async function bringUp(stack: Stack, { service, runningPid }: Plan): Promise<UpOutcome> {
  const started = Date.now();
  if (runningPid !== undefined) {
    // Ours and alive: leave it alone, but only report success once it answers (it may be starting).
    await waitHealthy(service, runningPid, () => undefined).catch((error: ServiceStartError) => {
      throw new ServiceStartError(
        service.name,
        `${error.reason}; it was already running (pid ${runningPid}) before this up: restart it with stack:down then stack:up`,
        error.logFile,
        error.logTail,
      );
    });
    return { service: service.name, pid: runningPid, action: 'already running', ms: Date.now() - started };
  }
  await service.prepare(stack.log);
  const logFile = service.logFiles[0] ?? stack.paths.logFile(service.name);
  const launched = launchDetached(service.launchSpec(), logFile, service.pidFile);
  await waitHealthy(service, launched.pid, launched.exitStatus);
  return { service: service.name, pid: launched.pid, action: 'started', ms: Date.now() - started };
}

/** Checks the ports of every service to start before starting any: a clash fails fast and leaves nothing half-up. */
async function planStart(stack: Stack): Promise<Plan[]> {
  const plans = stack.services.filter((s) => !s.onDemand).map((service) => ({
    service,
    runningPid: findOwnProcesses(service.isOwnProcess, service.pidFile)[0],
  }));
  const clashes = await Promise.allSettled(
    plans
      .filter((p) => p.runningPid === undefined)
      .map((p) => assertPortsFree(p.service.name, stack.settings.host, p.service.ports)),
  );
  const errors = clashes.flatMap((c) => (c.status === 'rejected' ? [c.reason as Error] : []));
  if (errors.length > 0) throw new StackError(errors.map((e) => e.message).join('\n[stack] '));
  return plans;
}

/** Starts what is not running (in parallel), waits until all answer, then bootstraps the schema. */
export async function up(stack: Stack): Promise<boolean> {
  const t0 = Date.now();
  mkdirSync(stack.paths.runDir, { recursive: true });
  const lock = await acquireLock(stack.paths.lockFile, {
    timeoutMs: 10 * 60_000,
    onWait: (pid) => stack.log(`waiting for another stack command (pid ${pid}) to finish`),
  });
  try {
    const plans = await planStart(stack);
    const results = await Promise.allSettled(plans.map((p) => bringUp(stack, p)));
    let ok = true;
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') {
        const r = result.value;
        stack.log(`${r.service.padEnd(10)} ${r.action} (pid ${r.pid}, ${r.ms} ms)`);
      } else {
        ok = false;
        const reason = result.reason as Error;
        stack.log(`${plans[i]?.service.name.padEnd(10)} FAILED: ${reason.message}`);
      }
    }
    if (!ok) {
      stack.log('stack is not up; services that did start are left running (npm run stack:down stops them)');
      return false;
    }
    try {
      await bootstrapSchema(stack.settings, stack.log, stack.secrets?.());
    } catch (error) {
      throw new StackError(`schema bootstrap failed: ${(error as Error).message}`, {}, { cause: error });
    }
    const secrets = stack.secrets?.();
    if (secrets) {
      writeClientEnv(stack.paths.clientEnvFile, stack.settings, secrets);
      stack.log(`secure stack: settings for the apps in ${stack.paths.clientEnvFile} (set -a; . ${stack.paths.clientEnvFile}; set +a)`);
    }
    stack.log(`stack up in ${Date.now() - t0} ms`);
    return true;
  } finally {
    lock.release();
  }
}
