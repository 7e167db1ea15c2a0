/** Minimal logging surface so this lib does not depend on a logger implementation. */
export interface ShutdownLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface GracefulShutdownOptions {
  readonly logger: ShutdownLogger;
  /** Hard bound on the whole stop sequence; past it the process exits 1 rather than hang. */
  readonly timeoutMs: number;
  /** Flush, commit, checkpoint, disconnect: everything that must happen before exit. */
  readonly stop: (reason: string) => Promise<void>;
  readonly signals?: readonly NodeJS.Signals[];
  /** Injected for tests; defaults to process.exit. */
  readonly exit?: (code: number) => void;
  readonly process?: Pick<NodeJS.Process, 'once' | 'removeListener'>;
}

/**
 * Runs `stop` exactly once on the first SIGTERM/SIGINT (or a programmatic `trigger`), then exits 0,
 * or 1 if stop failed or took longer than `timeoutMs`. A second signal while stopping is logged and
 * ignored: an impatient Ctrl-C must not skip the final checkpoint.
 */
export class GracefulShutdown {
  private stopping: Promise<void> | undefined;
  private readonly signals: readonly NodeJS.Signals[];
  private readonly proc: Pick<NodeJS.Process, 'once' | 'removeListener'>;
  private readonly exit: (code: number) => void;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  constructor(private readonly options: GracefulShutdownOptions) {
    this.signals = options.signals ?? ['SIGTERM', 'SIGINT'];
    this.proc = options.process ?? process;
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  install(): this {
    for (const signal of this.signals) {
      const handler = () => {
        this.armAgain(signal);
        void this.trigger(signal);
      };
      this.handlers.set(signal, handler);
      this.proc.once(signal, handler);
    }
    return this;
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /**
   * Starts the stop sequence (idempotent) and resolves once the exit code has been handed over.
   * `exitCode` 1 is for a fatal error: stop cleanly, then tell the orchestrator to restart us.
   */
  trigger(reason: string, exitCode: 0 | 1 = 0): Promise<void> {
    if (this.stopping) {
      this.options.logger.info({ reason }, 'shutdown already in progress');
      return this.stopping;
    }
    this.options.logger.info({ reason, timeoutMs: this.options.timeoutMs }, 'shutting down');
    this.stopping = this.run(reason, exitCode);
    return this.stopping;
  }

  private async run(reason: string, exitCode: 0 | 1): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs);
      timer.unref();
    });
    try {
      const outcome = await Promise.race([this.options.stop(reason).then(() => 'done' as const), timeout]);
      if (outcome === 'timeout') {
        this.options.logger.error({ reason, timeoutMs: this.options.timeoutMs }, 'shutdown timed out');
        this.exit(1);
        return;
      }
      this.options.logger.info({ reason, exitCode }, 'shutdown complete');
      this.exit(exitCode);
    } catch (err) {
      this.options.logger.error({ reason, err }, 'shutdown failed');
      this.exit(1);
    } finally {
      clearTimeout(timer);
      for (const [signal, handler] of this.handlers) this.proc.removeListener(signal, handler);
    }
  }

  // Keep listening after the first signal so a second one does not fall through to Node's default (kill).
  private armAgain(signal: NodeJS.Signals): void {
    const handler = this.handlers.get(signal);
    if (handler) this.proc.once(signal, handler);
  }
}
