import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { StackError } from '../stack-errors';
import type { Stack } from '../stack-services';

/** Tails the log of one service, or of all; `follow` keeps following like `tail -f`. */
export async function logs(stack: Stack, serviceName: string | undefined, follow: boolean, lines: number): Promise<boolean> {
  const services = serviceName ? stack.services.filter((s) => s.name === serviceName) : stack.services;
  if (services.length === 0) {
    throw new StackError(`unknown service "${serviceName}" (one of ${stack.services.map((s) => s.name).join(', ')})`);
  }
  const files = services.flatMap((s) => s.logFiles).filter((f) => existsSync(f));
  if (files.length === 0) {
    stack.log(`no log yet in ${stack.paths.logsDir}`);
    return true;
  }
  const args = ['-n', String(lines), ...(follow ? ['-F'] : []), ...files];
  return new Promise((resolve) => {
    const tail = spawn('tail', args, { stdio: 'inherit' });
    tail.on('exit', (code) => resolve(code === 0 || follow));
  });
}
