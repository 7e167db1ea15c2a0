import { StartupError } from './startup-error';

export interface FatalReportOptions {
  /** Stack traces only at debug: an operator needs the line, a developer the trace. */
  readonly debug: boolean;
  readonly write?: (line: string) => void;
  readonly exit?: (code: number) => void;
}

/** The one line a fatal error prints: `aggregator: cannot start: Kafka at ... : set --brokers ...`. */
export function fatalLine(app: string, err: unknown, debug: boolean): string {
  if (err instanceof StartupError) {
    const cause = debug && err.cause instanceof Error ? `\n${err.cause.stack ?? err.cause.message}` : '';
    return `${app}: cannot start: ${err.message}${cause}`;
  }
  const e = err as Error | undefined;
  if (debug) return `${app}: fatal: ${e?.stack ?? String(err)}`;
  const message = `${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message ?? String(err)}`.replace(/\s*\n\s*/g, ' ');
  return `${app}: fatal: ${message} (run with --log-level debug for the stack trace)`;
}

/** For `main().catch(...)`: prints the fatal line on stderr and exits 1. */
export function exitOnFatal(app: string, options: FatalReportOptions): (err: unknown) => void {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  return (err) => {
    write(fatalLine(app, err, options.debug));
    exit(1);
  };
}
