import { redactUrl } from './redaction';

/** Result of parsing one raw string: a value, or a reason phrased as "must be ...". */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; expected: string };

/**
 * Describes one setting: where it is read from, its default and how to parse it.
 * `flag` is the long command-line flag without dashes; `env` the environment variable.
 */
export interface Setting<T> {
  readonly env: string;
  readonly flag: string;
  readonly description: string;
  /** `undefined` means required. */
  readonly default: T | undefined;
  readonly isBoolean: boolean;
  parse(raw: string): ParseOutcome<T>;
  /** How the default is shown in --help and the READMEs. */
  format(value: T): string;
  /** A password or key: read from env or a file only, never echoed (secret-setting.ts). */
  readonly secret?: boolean;
  /** How a raw value is echoed in an error (e.g. a URL without its password); verbatim if absent. */
  redact?(raw: string): string;
}

interface Common<T> {
  env: string;
  flag: string;
  description: string;
  default?: T;
}

const ok = <T>(value: T): ParseOutcome<T> => ({ ok: true, value });
const bad = <T>(expected: string): ParseOutcome<T> => ({ ok: false, expected });

function make<T>(c: Common<T>, parse: (raw: string) => ParseOutcome<T>, format = (v: T) => String(v)): Setting<T> {
  return { env: c.env, flag: c.flag, description: c.description, default: c.default, isBoolean: false, parse, format };
}

export function stringSetting(c: Common<string> & { pattern?: RegExp; patternHint?: string }): Setting<string> {
  return make(c, (raw) => {
    if (raw.trim() === '') return bad('a non-empty string');
    if (c.pattern && !c.pattern.test(raw)) return bad(c.patternHint ?? `a string matching ${c.pattern}`);
    return ok(raw);
  });
}

export function integerSetting(c: Common<number> & { min?: number; max?: number }): Setting<number> {
  const min = c.min ?? Number.MIN_SAFE_INTEGER;
  const max = c.max ?? Number.MAX_SAFE_INTEGER;
  return make(c, (raw) => {
    const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) return bad(integerRange(min, max));
    return ok(n);
  });
}

/** "an integer > 0" reads better than "an integer from 1 to 9007199254740991". */
function integerRange(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER) {
    if (min === Number.MIN_SAFE_INTEGER) return 'an integer';
    return min === 1 ? 'an integer > 0' : `an integer >= ${min}`;
  }
  return `an integer from ${min} to ${max}`;
}

export function numberSetting(c: Common<number> & { min?: number; max?: number }): Setting<number> {
  const min = c.min ?? -Number.MAX_VALUE;
  const max = c.max ?? Number.MAX_VALUE;
  return make(c, (raw) => {
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) return bad(`a number from ${min} to ${max}`);
    return ok(n);
  });
}

export function booleanSetting(c: Common<boolean>): Setting<boolean> {
  const s = make(c, (raw) => {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return ok(true);
    if (['0', 'false', 'no', 'off'].includes(v)) return ok(false);
    return bad('true or false');
  });
  return { ...s, isBoolean: true };
}

export function enumSetting<const T extends string>(c: Common<T> & { choices: readonly T[] }): Setting<T> {
  return make(c, (raw) =>
    (c.choices as readonly string[]).includes(raw) ? ok(raw as T) : bad(`one of ${c.choices.join(', ')}`),
  );
}

/** Comma-separated list, e.g. `KAFKA_BROKERS=127.0.0.1:9092,127.0.0.1:9094`. */
export function listSetting(c: Common<readonly string[]> & { itemPattern?: RegExp; itemHint?: string }): Setting<readonly string[]> {
  return make(
    c,
    (raw) => {
      const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (items.length === 0) return bad('a comma-separated, non-empty list');
      if (c.itemPattern && !items.every((i) => c.itemPattern?.test(i))) {
        return bad(`a comma-separated list of ${c.itemHint ?? `items matching ${c.itemPattern}`}`);
      }
      return ok(items);
    },
    (v) => v.join(','),
  );
}

/** An http(s) URL, e.g. ClickHouse's endpoint. Echoed in errors without its password. */
export function urlSetting(c: Common<string>): Setting<string> {
  const s = make(c, (raw) => {
    try {
      const u = new URL(raw);
      return ['http:', 'https:', 'redis:', 'rediss:'].includes(u.protocol) ? ok(raw) : bad('an http(s):// or redis:// URL');
    } catch {
      return bad('a URL such as http://127.0.0.1:8123');
    }
  }, redactUrl);
  return { ...s, redact: redactUrl };
}
