import type { AppProcess } from '../harness/app-process';
import type { PipelineScenario } from '../harness/pipeline-scenario';

export type ConsumerApp = 'aggregator' | 'raw-sink';

/** An exit the drill did not ask for, and what the supervisor did about it. */
export interface UnexpectedExit {
  readonly app: ConsumerApp;
  readonly code: number | null;
  readonly atMs: number;
  readonly logTail: string;
}

/**
 * The restart policy of an orchestrator (compose's `restart: unless-stopped`): whenever an app's
 * process ends, for whatever reason, a new one is started after a short delay, until `stopAll`.
 * Exits the drill caused itself (kill -9) are announced with `expectExit` and counted apart.
 */
export class AppSupervisor {
  /** Supervisors not yet stopped: what an interrupted run must still kill (see `killAll`). */
  private static readonly live = new Set<AppSupervisor>();
  readonly unexpectedExits: UnexpectedExit[] = [];
  private readonly current = new Map<ConsumerApp, AppProcess>();
  private readonly expected = new Set<AppProcess>();
  private stopping = false;
  private readonly startedAt = Date.now();

  constructor(
    private readonly scenario: PipelineScenario,
    private readonly restartDelayMs = 1_000,
  ) {
    AppSupervisor.live.add(this);
  }

  start(app: ConsumerApp): AppProcess {
    const p = this.scenario.start(app);
    this.current.set(app, p);
    void p.exited.then(async (code) => {
      if (this.stopping) return;
      if (!this.expected.delete(p)) {
        this.unexpectedExits.push({ app, code, atMs: Date.now() - this.startedAt, logTail: p.tail(8) });
      }
      await new Promise((r) => setTimeout(r, this.restartDelayMs));
      if (!this.stopping) this.start(app);
    });
    return p;
  }

  process(app: ConsumerApp): AppProcess {
    const p = this.current.get(app);
    if (!p) throw new Error(`${app} was never started`);
    return p;
  }

  all(): AppProcess[] {
    return [...this.current.values()];
  }

  /** Kills the app's current process with SIGKILL (restarted by the policy) and waits for it to end. */
  async kill9(app: ConsumerApp): Promise<void> {
    const p = this.process(app);
    this.expected.add(p);
    p.kill('SIGKILL');
    await p.exited;
  }

  /** Graceful stop of everything (SIGTERM); the exit codes of the last processes. */
  async stopAll(): Promise<(number | null)[]> {
    this.stopping = true;
    AppSupervisor.live.delete(this);
    return Promise.all(this.all().map((p) => p.stop()));
  }

  /** Starts every app again after stopAll (restart policy back on): the apps of a restored pipeline. */
  restartAll(): void {
    this.stopping = false;
    AppSupervisor.live.add(this);
    for (const app of [...this.current.keys()]) this.start(app);
  }

  /** SIGKILL of every supervised app of this process, restarts off (an interrupted run). */
  static killAll(): void {
    for (const s of AppSupervisor.live) {
      s.stopping = true;
      for (const p of s.all()) p.kill('SIGKILL');
    }
    AppSupervisor.live.clear();
  }
}
