import { WindowSeriesScorer, type AnomalyScorerConfig } from '@clickstream/anomaly';
import { SeededRandom } from '../traffic/seeded-random';
import { buildPageCatalog, COUNTRY_MIX } from '../traffic/site-catalog';
import type { TrafficProfile } from '../traffic/traffic-profile';
import { zipfWeights } from '../traffic/weighted-choice';
import { inject, type Injection, type InjectionKind } from './injection';
import { ALL_COUNTRIES, splitSeriesKey, windowCountsOf } from './window-counts';

export interface QualityRunSettings {
  readonly seed: number;
  readonly eventsPerSecond: number;
  readonly windows: number;
  /** Seed spikes/drops every this many windows, once the baselines are full. */
  readonly trialEvery: number;
  /** Distinct random pages changed in each trial window. */
  readonly pagesPerTrial: number;
  readonly factors: readonly number[];
  /** Scorer configs judged side by side on the same traffic and the same injections. */
  readonly configs: readonly AnomalyScorerConfig[];
}

export interface TrialOutcome {
  readonly kind: InjectionKind;
  readonly factor: number;
  readonly expected: number;
  /** Per config: the page-level key was flagged in that window with the right direction. */
  readonly detected: boolean[];
}

export interface QualityRunResult {
  readonly trials: TrialOutcome[];
  /** Per config: anomalies in the clean run (no injections) = false positives. */
  readonly cleanFalsePositives: number[];
  /** Per config, of those: on page-level keys. */
  readonly cleanFalsePositivesPageLevel: number[];
  /** Per config: anomalies on pages other than the injected ones in the injected run. */
  readonly injectedRunFalsePositives: number[];
  /** Windows that were scored with a full verdict (after the warm-up), per config. */
  readonly judgedWindows: number[];
  readonly keysTracked: number;
}

/**
 * One seed of the detection-quality benchmark: the producer's traffic at its defaults (200 pages,
 * Zipf 1.1, 50k users, 3 s jitter, 0.2% late events) cut into on-time window totals, scored twice
 * per config: as is (every anomaly is a false positive), and with seeded spikes and drops on random
 * pages (recall, and false positives on the other pages).
 */
export function runQuality(s: QualityRunSettings): QualityRunResult {
  const profile: TrafficProfile = {
    seed: s.seed,
    // Not minute-aligned, like a real start: the first window is partial.
    startTime: Date.UTC(2026, 0, 5, 9, 0, 0) + ((s.seed * 7919) % 60_000),
    eventsPerSecond: s.eventsPerSecond,
    pageCount: 200,
    zipfExponent: 1.1,
    userCount: 50_000,
    sessionContinueProbability: 0.7,
    jitterMs: 3_000,
    lateRatio: 0.002,
    lateMinMs: 75_000,
    lateMaxMs: 300_000,
    spike: undefined,
  };
  const pages = buildPageCatalog(profile.pageCount);
  const weights = zipfWeights(pages.length, profile.zipfExponent);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expectedPerWindow = weights.map((w) => (s.eventsPerSecond * 60 * w) / weightSum);
  const countrySum = COUNTRY_MIX.reduce((a, [, w]) => a + w, 0);
  const countryShares = new Map(COUNTRY_MIX.map(([c, w]) => [c, w / countrySum]));

  const clean = s.configs.map((c) => new WindowSeriesScorer(c));
  const injected = s.configs.map((c) => new WindowSeriesScorer(c));
  const random = new SeededRandom(s.seed * 1_000_003 + 17);
  const zeros = () => new Float64Array(s.configs.length);
  const trials: TrialOutcome[] = [];
  const [cleanFp, cleanFpPage, injectedFp, judged] = [zeros(), zeros(), zeros(), zeros()];
  let keysTracked = 0;
  const add = (counters: Float64Array, i: number, n: number) => (counters[i] = (counters[i] ?? 0) + n);
  const warm = Math.max(...clean.map((c) => c.config.historyLength));

  let index = 0;
  for (const { windowStart, counts } of windowCountsOf(profile, s.windows)) {
    // As apps/anomaly-scorer does: the stream's first window is partial (it started inside it), so
    // it is neither scored nor part of any baseline.
    const i = index++;
    if (i === 0) continue;
    clean.forEach((scorer, i) => {
      if (scorer.historySize >= scorer.config.minHistory) add(judged, i, 1);
      for (const a of scorer.observeWindow(windowStart, counts)) {
        add(cleanFp, i, 1);
        if (splitSeriesKey(a.key).country === ALL_COUNTRIES) add(cleanFpPage, i, 1);
      }
    });
    const injections: Injection[] = [];
    // Seeded changes once the baselines are full (windows 1..warm form the first full one).
    if (i > warm && (i - warm - 1) % s.trialEvery === 0) {
      const chosen = new Set<number>();
      while (chosen.size < s.pagesPerTrial) chosen.add(random.int(0, pages.length - 1));
      const modified = new Map(counts);
      for (const p of chosen) {
        const injection: Injection = {
          page: pages[p] as string,
          kind: random.float() < 0.5 ? 'spike' : 'drop',
          factor: s.factors[random.int(0, s.factors.length - 1)] as number,
          expected: expectedPerWindow[p] as number,
        };
        inject(modified, injection, countryShares, random);
        injections.push(injection);
      }
      const verdicts = injected.map((scorer) => scorer.observeWindow(windowStart, modified));
      for (const injection of injections) {
        const key = `${injection.page}\t${ALL_COUNTRIES}`;
        trials.push({
          kind: injection.kind,
          factor: injection.factor,
          expected: injection.expected,
          detected: verdicts.map((anomalies) => anomalies.some((a) => a.key === key && a.kind === injection.kind)),
        });
      }
      const injectedPages = new Set(injections.map((j) => j.page));
      verdicts.forEach((anomalies, i) => {
        add(injectedFp, i, anomalies.filter((a) => !injectedPages.has(splitSeriesKey(a.key).page)).length);
      });
    } else {
      injected.forEach((scorer, i) => {
        add(injectedFp, i, scorer.observeWindow(windowStart, counts).length);
      });
    }
    keysTracked = Math.max(keysTracked, clean[0]?.keyCount ?? 0);
  }
  return {
    trials,
    cleanFalsePositives: [...cleanFp],
    cleanFalsePositivesPageLevel: [...cleanFpPage],
    injectedRunFalsePositives: [...injectedFp],
    judgedWindows: [...judged],
    keysTracked,
  };
}
