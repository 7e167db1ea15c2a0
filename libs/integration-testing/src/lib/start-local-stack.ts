import { spawn } from 'node:child_process';
import path from 'node:path';
import type { StackEndpoints } from './stack-endpoints';
import { probeStack } from './stack-probe';
import { findWorkspaceRoot, STACK_SCRIPT } from './workspace-root';

/** A cold start fetches Kafka with Maven and may install Debian packages. */
export const STACK_START_TIMEOUT_MS = 10 * 60_000;

export class LocalStackStartError extends Error {
  constructor(message: string, readonly output: string) {
    super(`${message}\n--- output of ${STACK_SCRIPT} up (last 40 lines) ---\n${output.trimEnd().split('\n').slice(-40).join('\n')}`);
    this.name = 'LocalStackStartError';
  }
}

function runStackUp(root: string, timeoutMs: number, extraArgs: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout can stop the script together with what it runs (mvn, apt-get).
    const child = spawn('bash', [path.join(root, STACK_SCRIPT), 'up', ...extraArgs], {
      cwd: root,
      // A shell that sourced .stack/secure/clickstream.env must still start the plain stack here.
      env: { ...process.env, CLICKSTREAM_STACK_SECURE: '' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        // already gone
      }
      reject(new LocalStackStartError(`stack up did not finish within ${timeoutMs / 1000} s`, output));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new LocalStackStartError(`could not run ${STACK_SCRIPT}: ${error.message}`, output));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new LocalStackStartError(`${STACK_SCRIPT} up exited with ${code}`, output));
    });
  });
}

let ensured: Promise<void> | undefined;

/**
 * Makes sure the stack answers, starting it with `tools/scripts/stack.sh up` when it does not.
 * Parallel test processes may all call this: stack.sh takes a lock, so one starts the services and
 * the others find them running. Within one process the first call's result is reused.
 */
export function ensureLocalStack(endpoints: StackEndpoints, timeoutMs = STACK_START_TIMEOUT_MS): Promise<void> {
  ensured ??= (async () => {
    const problems = await probeStack(endpoints);
    if (problems.length === 0) return;
    process.stderr.write(`[integration-testing] local stack not answering (${problems.join('; ')}): running ${STACK_SCRIPT} up\n`);
    await runStackUp(findWorkspaceRoot(), timeoutMs);
    const after = await probeStack(endpoints);
    if (after.length > 0) throw new LocalStackStartError(`stack up succeeded but ${after.join('; ')}`, '');
  })().catch((error: unknown) => {
    ensured = undefined; // let a later test file retry rather than inherit this failure
    throw error;
  });
  return ensured;
}

let ensuredSecure: Promise<void> | undefined;

/** ensureLocalStack for the secure stack (`stack.sh up --secure`), probing with its credentials. */
export function ensureSecureLocalStack(read: () => StackEndpoints | undefined, timeoutMs = STACK_START_TIMEOUT_MS): Promise<void> {
  ensuredSecure ??= (async () => {
    const before = read();
    const problems = before ? await probeStack(before) : ['never started'];
    if (problems.length === 0) return;
    process.stderr.write(`[integration-testing] secure stack not answering (${problems.join('; ')}): running ${STACK_SCRIPT} up --secure\n`);
    await runStackUp(findWorkspaceRoot(), timeoutMs, ['--secure']);
    const endpoints = read();
    const after = endpoints ? await probeStack(endpoints) : ['no env file written'];
    if (after.length > 0) throw new LocalStackStartError(`stack up --secure succeeded but ${after.join('; ')}`, '');
  })().catch((error: unknown) => {
    ensuredSecure = undefined;
    throw error;
  });
  return ensuredSecure;
}
