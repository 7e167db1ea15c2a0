import { resolveAnomalyScorerConfig } from '../config/anomaly-scorer-config';
import { anomalyKindOf } from './anomaly-verdict';
import type { CountScore } from './count-score';

const config = resolveAnomalyScorerConfig();
const score = (s: Partial<CountScore>): CountScore => ({ observed: 100, baseline: 100, spread: 1, score: 0, historySize: 30, ...s });

describe('anomalyKindOf (defaults: threshold 4.5, min volume 20, min ratio 1.5, both)', () => {
  it('flags a spike at the threshold (inclusive) and not below', () => {
    expect(anomalyKindOf(score({ observed: 300, score: 4.5 }), config)).toBe('spike');
    expect(anomalyKindOf(score({ observed: 300, score: 4.49 }), config)).toBeUndefined();
  });

  it('flags a drop at minus the threshold', () => {
    expect(anomalyKindOf(score({ observed: 30, score: -4.5 }), config)).toBe('drop');
  });

  it('needs volume: a spike of fewer than 20 clicks, a drop from a baseline under 20, are never anomalies', () => {
    expect(anomalyKindOf(score({ observed: 19, baseline: 1, score: 9 }), config)).toBeUndefined();
    expect(anomalyKindOf(score({ observed: 20, baseline: 1, score: 9 }), config)).toBe('spike');
    expect(anomalyKindOf(score({ observed: 0, baseline: 19, score: -9 }), config)).toBeUndefined();
  });

  it('needs size: a significant 10% rise on a huge page is not an alert', () => {
    expect(anomalyKindOf(score({ observed: 55_000, baseline: 50_000, score: 20 }), config)).toBeUndefined();
    expect(anomalyKindOf(score({ observed: 75_000, baseline: 50_000, score: 100 }), config)).toBe('spike');
    expect(anomalyKindOf(score({ observed: 40_000, baseline: 50_000, score: -20 }), config)).toBeUndefined();
  });

  it('gives no verdict during the warm-up', () => {
    expect(anomalyKindOf(score({ observed: 1_000, score: 50, historySize: 2 }), config)).toBeUndefined();
    expect(anomalyKindOf(score({ observed: 1_000, score: 50, historySize: 3 }), config)).toBe('spike');
  });

  it('honours the direction', () => {
    const spikesOnly = resolveAnomalyScorerConfig({ direction: 'spike' });
    const dropsOnly = resolveAnomalyScorerConfig({ direction: 'drop' });
    expect(anomalyKindOf(score({ observed: 10, score: -9 }), spikesOnly)).toBeUndefined();
    expect(anomalyKindOf(score({ observed: 300, score: 9 }), dropsOnly)).toBeUndefined();
    expect(anomalyKindOf(score({ observed: 10, score: -9 }), dropsOnly)).toBe('drop');
  });
});
