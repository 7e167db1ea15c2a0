import { loadConfig } from '@clickstream/config';
import { anomalyScorerSettings, checkAnomalyScorerConfig } from './anomaly-scorer-config';

const load = (argv: string[], env: NodeJS.ProcessEnv = {}) => loadConfig(anomalyScorerSettings, { app: 'anomaly-scorer', argv, env });

describe('anomaly-scorer config', () => {
  it('defaults to the benchmarked scorer settings', () => {
    const c = load([]);
    expect([c.historyLength, c.minHistory, c.threshold, c.minVolume, c.minRatio, c.direction]).toEqual([30, 3, 4.5, 20, 1.5, 'both']);
    expect(checkAnomalyScorerConfig(c)).toEqual([]);
  });

  it('reads the aggregator\'s ALLOWED_LATENESS_MS, and flags over env', () => {
    expect(load(['--anomaly-threshold', '5'], { ALLOWED_LATENESS_MS: '60000', ANOMALY_THRESHOLD: '4' })).toMatchObject({ allowedLatenessMs: 60_000, threshold: 5 });
  });

  it('refuses a warm-up longer than the history, naming both flags', () => {
    expect(checkAnomalyScorerConfig(load(['--anomaly-history', '5', '--anomaly-min-history', '6']))).toEqual([
      '--anomaly-min-history (6) must not exceed --anomaly-history (5)',
    ]);
  });
});
