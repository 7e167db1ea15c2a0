// `npm run bench:anomaly`: detection quality of @clickstream/anomaly on the producer's traffic model,
// pure (traffic generator + scorer, no Kafka or ClickHouse). Seeds spikes and drops (random pages,
// factors 2x-10x) and reports recall by factor and page volume, and false positives per hour of
// normal traffic over all keys (page and page + country), for the default config and neighbours.
// Settings (env): BENCH_SEEDS (5), BENCH_HOURS per seed (4), BENCH_RATE events/s (500, the npm start rate).
import { DEFAULT_ANOMALY_SCORER_CONFIG, type AnomalyScorerConfig } from '@clickstream/anomaly';
import { formatRate, recall, recallTable, totalOver } from '../anomaly-quality/quality-report';
import { runQuality, type QualityRunResult } from '../anomaly-quality/quality-run';

const seeds = Number(process.env.BENCH_SEEDS ?? 5);
const hours = Number(process.env.BENCH_HOURS ?? 4);
const rate = Number(process.env.BENCH_RATE ?? 500);
const factors = [2, 3, 5, 10];
const configs: { label: string; config: AnomalyScorerConfig }[] = [
  { label: 'default', config: DEFAULT_ANOMALY_SCORER_CONFIG },
  { label: 'threshold 4', config: { ...DEFAULT_ANOMALY_SCORER_CONFIG, threshold: 4 } },
  { label: 'threshold 5', config: { ...DEFAULT_ANOMALY_SCORER_CONFIG, threshold: 5 } },
  { label: 'minVolume 10', config: { ...DEFAULT_ANOMALY_SCORER_CONFIG, minVolume: 10 } },
  { label: 'minRatio 1 (no size rule)', config: { ...DEFAULT_ANOMALY_SCORER_CONFIG, minRatio: 1 } },
];

const started = performance.now();
const results: QualityRunResult[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  results.push(
    runQuality({
      seed,
      eventsPerSecond: rate,
      windows: hours * 60,
      trialEvery: 3,
      pagesPerTrial: 8,
      factors,
      configs: configs.map((c) => c.config),
    }),
  );
  process.stderr.write(`seed ${seed}/${seeds} done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}
const trials = results.flatMap((r) => r.trials);
const d = DEFAULT_ANOMALY_SCORER_CONFIG;

console.log(`## Anomaly detection quality (npm run bench:anomaly)\n`);
console.log(
  `${seeds} seeds x ${hours} h of the producer's traffic at ${rate} events/s (${(rate * 60).toLocaleString('en-US')} clicks/min, 200 pages, ` +
    `Zipf 1.1, ${results[0]?.keysTracked ?? 0} keys tracked); ${trials.length} seeded changes on random pages. ` +
    `Default config: history ${d.historyLength}, warm-up ${d.minHistory} windows, threshold ${d.threshold}, min volume ${d.minVolume}, min ratio ${d.minRatio}, ${d.direction}.\n`,
);
console.log(`### Recall at the defaults (detected / seeded, by the page's normal clicks per minute)\n`);
console.log(recallTable(trials, 0, factors));
console.log(`\n### False positives and the target line, per config\n`);
console.log('| config | FP/hour, normal traffic (all keys) | of which page-level | FP/hour, injected runs (other pages) | recall >= 3x, >= 50 clicks/min: spikes | drops |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
configs.forEach(({ label }, i) => {
  const judgedHours = totalOver(results, (r) => r.judgedWindows, i) / 60;
  const fp = totalOver(results, (r) => r.cleanFalsePositives, i);
  const fpPage = totalOver(results, (r) => r.cleanFalsePositivesPageLevel, i);
  const fpInjected = totalOver(results, (r) => r.injectedRunFalsePositives, i);
  const busy = (kind: string) => recall(trials, i, (t) => t.kind === kind && t.factor >= 3 && t.expected >= 50);
  console.log(
    `| ${label} | ${(fp / judgedHours).toFixed(2)} (${fp} in ${judgedHours.toFixed(1)} h) | ${fpPage} | ${(fpInjected / judgedHours).toFixed(2)} | ${formatRate(busy('spike'))} | ${formatRate(busy('drop'))} |`,
  );
});
console.log(`\nRun time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
