import { ConfigError, type ConfigProblem } from './config-error';
import { REDACTED } from './redaction';
import { lookupSecret } from './secret-setting';
import { parseFlags } from './parse-flags';
import type { Setting } from './setting';

export type SettingsSpec = Record<string, Setting<unknown>>;
export type ConfigOf<S extends SettingsSpec> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

export interface LoadConfigInput {
  readonly app: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Thrown for `--help`; the app prints `text` and exits 0. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
  constructor(readonly text: string) {
    super('help requested');
  }
}

/**
 * Builds one typed config object: defaults, then env vars, then flags on top.
 * Unknown flags and invalid values are collected and reported together in a ConfigError.
 */
export function loadConfig<S extends SettingsSpec>(spec: S, input: LoadConfigInput): ConfigOf<S> {
  const parsed = parseFlags(input.argv, new Map(Object.values(spec).map((s) => [s.flag, { isBoolean: s.isBoolean }])));
  if (parsed.help) throw new HelpRequested(renderConfigHelp(input.app, spec));
  const problems: ConfigProblem[] = parsed.problems.map((message) => ({ setting: 'flags', source: 'flag' as const, message }));
  const flags = parsed.values;

  const config: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    const flagValue = flags[s.flag];
    const envValue = input.env[s.env];
    const secret = s.secret ? lookupSecret(s, flagValue === undefined ? undefined : String(flagValue), input.env) : undefined;
    if (secret && !secret.ok) {
      problems.push({ setting: name, source: secret.source, message: secret.message });
      continue;
    }
    const [raw, source] = secret
      ? secret.value
        ? [secret.value.raw, secret.value.source]
        : [undefined, 'default' as const]
      : flagValue !== undefined
        ? [String(flagValue), 'flag' as const]
        : envValue !== undefined && envValue !== ''
          ? [envValue, 'env' as const]
          : [undefined, 'default' as const];
    if (raw === undefined) {
      if (s.default === undefined) {
        problems.push({ setting: name, source, message: `--${s.flag} (env ${s.env}) is required: ${s.description}` });
      }
      config[name] = s.default;
      continue;
    }
    const parsed = s.parse(raw);
    if (parsed.ok) {
      config[name] = parsed.value;
    } else {
      const where = secret?.value?.where ?? (source === 'flag' ? `--${s.flag}` : `env ${s.env}`);
      const shown = s.secret ? REDACTED : s.redact ? s.redact(raw) : raw;
      problems.push({ setting: name, source, message: `${where} must be ${parsed.expected}, got '${shown}'` });
    }
  }
  if (problems.length > 0) throw new ConfigError(input.app, problems);
  return config as ConfigOf<S>;
}

/** `--help` text; the same table is pasted into each app's README. */
export function renderConfigHelp(app: string, spec: SettingsSpec): string {
  const rows = Object.values(spec).map((s) => {
    const def = s.default === undefined ? '(required)' : s.format(s.default);
    return `  --${s.flag.padEnd(26)} ${s.env.padEnd(34)} default ${def}\n      ${s.description}`;
  });
  return `Usage: ${app} [flags]   (flags override env vars)\n\n${rows.join('\n')}\n`;
}
