/** How hard a drill run pushes: `full` is `npm run drill`, `quick` the CI short form. */
export interface DrillProfile {
  readonly mode: 'full' | 'quick';
  /** How long a stopped service stays down. */
  readonly outageMs: number;
  /** Valid events produced per drill (the malformed drill adds 10% on top). */
  readonly events: number;
  /** Producer send rate: slow enough that the stream spans the fault. */
  readonly rate: number;
  /** kill -9 rounds; each kills the aggregator and the raw sink once. */
  readonly killRounds: number;
  /** Bound on the wait for the tables to equal the reference after the last fault. */
  readonly settleTimeoutMs: number;
}

export const FULL_PROFILE: DrillProfile = { mode: 'full', outageMs: 30_000, events: 60_000, rate: 1_500, killRounds: 6, settleTimeoutMs: 360_000 };

export const QUICK_PROFILE: DrillProfile = { mode: 'quick', outageMs: 5_000, events: 12_000, rate: 800, killRounds: 2, settleTimeoutMs: 45_000 };
