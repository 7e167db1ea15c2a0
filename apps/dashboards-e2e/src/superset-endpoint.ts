import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

/** Where the local Superset answers and who logs in: the variables tools/local-stack reads. */
export interface SupersetEndpoint {
  baseUrl: string;
  port: number;
  user: string;
  password: string;
}

export function readSupersetEndpoint(env: NodeJS.ProcessEnv = process.env): SupersetEndpoint {
  const port = Number(env['CLICKSTREAM_SUPERSET_PORT'] || 8088);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    user: env['CLICKSTREAM_SUPERSET_ADMIN_USER'] || 'admin',
    password: env['CLICKSTREAM_SUPERSET_ADMIN_PASSWORD'] || 'admin',
  };
}

export function supersetAnswers(endpoint: SupersetEndpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${endpoint.baseUrl}/health`, { agent: false, timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** A fresh machine installs Superset into its venv first (a few minutes), then migrates and provisions it. */
export const SUPERSET_START_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs `tools/scripts/superset.sh up` (install when missing, provision, start; a no-op wait when it
 * runs already), in its own process group so a timeout stops pip or gunicorn's start with it.
 */
export function startSuperset(root: string, timeoutMs = SUPERSET_START_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(root, 'tools/scripts/superset.sh'), 'up'], {
      cwd: root,
      env: process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const fail = (why: string) =>
      new Error(`${why}\n--- tools/scripts/superset.sh up (last 40 lines) ---\n${output.trimEnd().split('\n').slice(-40).join('\n')}`);
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        // already gone
      }
      reject(fail(`Superset did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(fail(`could not run superset.sh: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(fail(`superset.sh up exited with ${code}`));
    });
  });
}
