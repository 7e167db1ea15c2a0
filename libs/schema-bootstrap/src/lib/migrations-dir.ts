import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the migrations live, relative to the workspace root. */
export const MIGRATIONS_RELATIVE_DIR = path.join('infra', 'clickhouse');

/**
 * Finds infra/clickhouse by walking up from `startDir` (tests run in a project folder, scripts at the
 * root); CLICKSTREAM_MIGRATIONS_DIR overrides it, e.g. for a bundled app shipped without the repo.
 */
export function findMigrationsDir(startDir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CLICKSTREAM_MIGRATIONS_DIR'];
  if (fromEnv) return path.resolve(fromEnv);
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, MIGRATIONS_RELATIVE_DIR);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no ${MIGRATIONS_RELATIVE_DIR} folder above ${startDir}; set CLICKSTREAM_MIGRATIONS_DIR`);
    }
    dir = parent;
  }
}
