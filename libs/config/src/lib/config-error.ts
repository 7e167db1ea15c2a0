/** One problem with one setting, phrased so an operator knows what to change. */
export interface ConfigProblem {
  readonly setting: string;
  readonly source: 'flag' | 'env' | 'default';
  readonly message: string;
}

/** Raised at start-up when flags or env vars are invalid; lists every problem, not just the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly app: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${app}: invalid configuration:\n` +
        problems.map((p) => `  - ${p.message}`).join('\n') +
        `\nRun with --help to see every setting and its default.`,
    );
  }
}
