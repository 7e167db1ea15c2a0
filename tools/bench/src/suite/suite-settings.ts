/** Sizes of one suite run: `--quick` (about 4 minutes) or the full run (about 7 minutes on 2 busy cores). */
export interface SuiteSettings {
  quick: boolean;
  partitions: number;
  /** Events preloaded per format for the catch-up scenarios (and the producer's top-speed run). */
  preloadEvents: number;
  accuracyRates: number[];
  accuracySeconds: number;
  freshnessRate: number;
  freshnessSeconds: number;
  checkpointKeys: number[];
  /** Events per open key sent for the checkpoint scenario (uniform pages: >= 5 reaches ~99% of keys). */
  eventsPerKey: number;
  restartRuns: number;
  restartTrafficRate: number;
  /** Session timeout of the restarted app: the dead process keeps its partitions this long (kafkajs has no static membership). */
  restartSessionTimeoutMs: number;
}

export function suiteSettings(quick: boolean): SuiteSettings {
  return {
    quick,
    partitions: 4,
    preloadEvents: quick ? 300_000 : 2_000_000,
    accuracyRates: [10_000, 100_000],
    accuracySeconds: quick ? 10 : 30,
    freshnessRate: 20_000,
    freshnessSeconds: quick ? 30 : 90,
    checkpointKeys: [10_000, 100_000],
    eventsPerKey: 5,
    restartRuns: quick ? 1 : 3,
    restartTrafficRate: 5_000,
    restartSessionTimeoutMs: 3_000,
  };
}
