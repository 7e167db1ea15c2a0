import { ConfigError } from './config-error';
import { HelpRequested, loadConfig, type ConfigOf, type SettingsSpec } from './load-config';

/**
 * The apps' start-up contract: `--help` prints the settings and exits 0; any invalid flag or env
 * var (including cross-field `check` problems) prints what to fix and exits 2, before any I/O.
 */
export function readConfigOrExit<S extends SettingsSpec>(
  app: string,
  spec: S,
  check: (config: ConfigOf<S>) => string[] = () => [],
  io: { argv: readonly string[]; env: NodeJS.ProcessEnv; exit: (code: number) => never } = {
    argv: process.argv.slice(2),
    env: process.env,
    exit: (code) => process.exit(code),
  },
): ConfigOf<S> {
  try {
    const config = loadConfig(spec, { app, argv: io.argv, env: io.env });
    const problems = check(config);
    if (problems.length === 0) return config;
    throw new ConfigError(app, problems.map((message) => ({ setting: 'combination', source: 'flag' as const, message })));
  } catch (err) {
    if (err instanceof HelpRequested) {
      process.stdout.write(err.text);
      return io.exit(0);
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return io.exit(2);
    }
    throw err;
  }
}
