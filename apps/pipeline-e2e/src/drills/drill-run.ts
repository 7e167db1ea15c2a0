import { waitFor } from '@clickstream/integration-testing';
import { PipelineScenario, seededTraffic, TRAFFIC_EPOCH_MS } from '../harness/pipeline-scenario';
import { AppSupervisor, type ConsumerApp } from './app-supervisor';
import { computeVerdict, type DrillVerdict, type ObservedOutputs } from './drill-verdict';
import type { DrillProfile } from './drill-profile';
import type { PrivateStack, StackService } from './private-stack';

export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Event-time length of `count` seeded events (the traffic advances 1/400 s of event time per event). */
export const eventTimeSpanMs = (count: number) => Math.ceil(count / 400) * 1_000;

/**
 * One drill in progress: an isolated pipeline (topics, database, groups) on the private stack, its
 * two consumer apps under a restart policy, and a log of the faults injected, in words.
 */
export class DrillRun {
  readonly faults: string[] = [];
  readonly notes: string[] = [];
  readonly supervisor: AppSupervisor;
  private readonly t0 = Date.now();

  private constructor(
    readonly stack: PrivateStack,
    readonly scenario: PipelineScenario,
    readonly profile: DrillProfile,
    readonly seed: number,
  ) {
    this.supervisor = new AppSupervisor(scenario);
  }

  /**
   * Creating topics right after a broker start can meet a transient UNKNOWN_TOPIC_OR_PARTITION while
   * the new topic's leader is elected (seen on a loaded 2-core machine): a retriable Kafka error is
   * retried (up to 8 times: a drill run alone meets a broker seconds old), each attempt with new names.
   */
  static async create(stack: PrivateStack, name: string, profile: DrillProfile, seed: number, partitions = 4): Promise<DrillRun> {
    for (let attempt = 1; ; attempt++) {
      try {
        return new DrillRun(stack, await PipelineScenario.create(stack.localStack, name, partitions), profile, seed);
      } catch (error) {
        if (attempt >= 8 || (error as { retriable?: boolean }).retriable !== true) throw error;
        await pause(2_000);
      }
    }
  }

  /** Seconds since the drill began, for the fault log. */
  at(): string {
    return `t+${((Date.now() - this.t0) / 1000).toFixed(1)}s`;
  }

  record(fault: string): void {
    this.faults.push(`${this.at()} ${fault}`);
  }

  startApps(): void {
    this.supervisor.start('aggregator');
    this.supervisor.start('raw-sink');
  }

  /** Runs the real producer to completion: `count` seeded events from `startMs` of event time. */
  produce(count: number, seed: number, rate: number, startMs = TRAFFIC_EPOCH_MS): Promise<void> {
    return this.scenario.produce(seededTraffic(count, seed, ['--rate', String(rate)], startMs));
  }

  /** Resolves once the app's current process owns at least one partition (it is processing). */
  async owning(app: ConsumerApp, timeoutMs = 90_000): Promise<void> {
    await waitFor(() => this.supervisor.process(app).log().includes('partition claimed'), {
      timeoutMs,
      intervalMs: 100,
      description: `${app} owning partitions`,
    });
  }

  /** Stops a service of the private stack for `ms` (measured from when it is down), then starts it. */
  async outage(service: StackService, ms: number, empty = false): Promise<void> {
    const t = Date.now();
    await this.stack.stop(service);
    this.record(`${service} stopped (SIGTERM, ${((Date.now() - t) / 1000).toFixed(1)} s to exit)`);
    await pause(ms);
    const t2 = Date.now();
    if (empty) await this.stack.restartEmpty(service);
    else await this.stack.start(service);
    this.record(`${service} ${empty ? 'data deleted, started EMPTY' : 'restarted with its data'} after ${(ms / 1000).toFixed(0)} s down (${((Date.now() - t2) / 1000).toFixed(1)} s to answer)`);
  }

  async observe(): Promise<ObservedOutputs> {
    const tables = await this.scenario.tables();
    const rows = await (
      await this.scenario.clickhouse.query({ query: 'SELECT toString(event_id) AS id, count() AS n FROM clicks_raw GROUP BY id', format: 'JSONEachRow' })
    ).json<{ id: string; n: number }>();
    const letters = [...(await this.scenario.readTopic(this.scenario.deadLetterTopic)).values()].flat();
    return {
      windows: tables.windows,
      lateEventIds: tables.lateEventIds,
      rawRowsById: new Map(rows.map((r) => [r.id, Number(r.n)])),
      deadLetterKeys: letters.map((l) => String(l.key)),
    };
  }

  /**
   * Polls until the tables equal the reference of the whole topic, or the bound passes; either way
   * the last verdict is the drill's (a drill that never settles reports what is lost or doubled).
   */
  async settle(timeoutMs: number): Promise<{ verdict: DrillVerdict; settleMs: number }> {
    const reference = await this.scenario.reference();
    const t = Date.now();
    let verdict: DrillVerdict | undefined;
    await waitFor(
      async () => {
        verdict = computeVerdict(reference, await this.observe());
        return verdict.ok;
      },
      { timeoutMs, intervalMs: 2_000, description: 'tables equal to the brute-force reference' },
    ).catch(() => undefined);
    if (!verdict) verdict = computeVerdict(reference, await this.observe());
    return { verdict, settleMs: Date.now() - t };
  }

  async close(): Promise<void> {
    await this.supervisor.stopAll();
    await this.scenario.close();
  }
}
