import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The npm package that ships libchdb.so, pinned to the exact build the launcher is proven with:
 * SELECT version() = 26.7.2.1, and --listen_host works (the `latest` tag, 26.5.3, rejects it).
 */
export const CHDB_PACKAGE = '@chdb/lib-linux-x64-gnu';
export const CHDB_PINNED_VERSION = '26.7.3-stable.1';

export interface InstalledChdb {
  version: string;
  libchdb: string;
}

/** Finds the installed package from `fromDir` and checks it is the pinned build. */
export function resolvePinnedChdb(fromDir: string): InstalledChdb {
  let packageJson: string;
  try {
    packageJson = require.resolve(`${CHDB_PACKAGE}/package.json`, { paths: [fromDir] });
  } catch {
    throw new Error(`${CHDB_PACKAGE} is not installed (run npm ci)`);
  }
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  if (version !== CHDB_PINNED_VERSION) {
    throw new Error(`${CHDB_PACKAGE} is ${version}; the stack needs exactly ${CHDB_PINNED_VERSION}`);
  }
  return { version, libchdb: path.join(path.dirname(packageJson), 'libchdb.so') };
}
