/** What the command line said, flag by flag, plus every problem found (not just the first). */
export interface ParsedFlags {
  readonly values: Record<string, string | boolean>;
  readonly help: boolean;
  readonly problems: readonly string[];
}

/**
 * A tolerant long-flag parser: `--flag value`, `--flag=value`, `--flag` for booleans, `-h`/`--help`.
 * Unlike node's parseArgs it keeps going after an unknown flag (so every problem is reported in one
 * go) and takes the next argument as the value whatever it looks like (`--rate -5` is the value -5,
 * for the range check to refuse with a reason, not an "ambiguous" parse error).
 */
export function parseFlags(argv: readonly string[], flags: ReadonlyMap<string, { isBoolean: boolean }>): ParsedFlags {
  const values: Record<string, string | boolean> = {};
  const problems: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      problems.push(`unexpected argument '${arg}' (settings are --flag value or --flag=value)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const flag = flags.get(name);
    if (!flag) {
      const hint = closestFlag(name, [...flags.keys()]);
      problems.push(`unknown option '--${name}'${hint ? ` (did you mean --${hint}?)` : ''}`);
      // An unknown flag's value must not be read as the next flag or a stray argument.
      const next = argv[i + 1];
      if (eq < 0 && next !== undefined && !next.startsWith('--') && next !== '-h') i++;
      continue;
    }
    // Given twice, the last one wins (as node's parseArgs and most CLIs do): wrappers append overrides.
    if (eq >= 0) {
      values[name] = arg.slice(eq + 1);
    } else if (flag.isBoolean) {
      values[name] = true;
    } else if (argv[i + 1] === undefined || /^--[a-z]/i.test(argv[i + 1] as string)) {
      problems.push(`--${name} needs a value`);
    } else {
      values[name] = argv[++i] as string;
    }
  }
  return { values, help, problems };
}

/** The known flag nearest to a mistyped one, when it is near enough to be a likely typo. */
function closestFlag(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
