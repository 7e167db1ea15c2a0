/** Every failure the CLI reports carries the facts needed to act on it, not only a sentence. */
export class StackError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class SettingsError extends StackError {}

/** A port we need is held by a process that is not part of this stack. */
export class PortInUseError extends StackError {
  constructor(
    readonly service: string,
    readonly port: number,
    readonly envVar: string,
    readonly holder: string | undefined,
  ) {
    super(
      `${service}: port ${port} is already in use` +
        (holder ? ` by ${holder}` : ' (run `ss -ltnp` to see by whom)') +
        `, and that process is not part of this stack. Stop it, or choose another port: ${envVar}=<port>`,
      { service, port, envVar, holder },
    );
  }
}

/** A service did not become healthy; points at its log, with the last lines of it. */
export class ServiceStartError extends StackError {
  constructor(
    readonly service: string,
    readonly reason: string,
    readonly logFile: string,
    readonly logTail: string,
  ) {
    super(
      `${service} did not become healthy: ${reason}\n  log: ${logFile}` +
        (logTail ? `\n  last lines:\n${logTail.replace(/^/gm, '    | ')}` : ''),
      { service, logFile },
    );
  }
}

export class LockTimeoutError extends StackError {}
