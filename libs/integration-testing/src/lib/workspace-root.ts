import { existsSync } from 'node:fs';
import path from 'node:path';

export const STACK_SCRIPT = path.join('tools', 'scripts', 'stack.sh');

/** The repository root: the first folder above `startDir` holding tools/scripts/stack.sh. */
export function findWorkspaceRoot(startDir: string = process.cwd()): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, STACK_SCRIPT))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no ${STACK_SCRIPT} above ${startDir}: run the tests inside the repository`);
    dir = parent;
  }
}
