import { DEFAULT_ANOMALY_SCORER_CONFIG, resolveAnomalyScorerConfig } from './anomaly-scorer-config';
import { InvalidAnomalyConfigError } from './invalid-anomaly-config-error';

describe('resolveAnomalyScorerConfig', () => {
  it('fills defaults: 30 windows, verdicts from 3, threshold 4.5, 20 clicks, 1.5x, spikes and drops', () => {
    expect(resolveAnomalyScorerConfig()).toEqual({ historyLength: 30, minHistory: 3, threshold: 4.5, minVolume: 20, minRatio: 1.5, direction: 'both' });
    expect(resolveAnomalyScorerConfig({ threshold: undefined })).toEqual(DEFAULT_ANOMALY_SCORER_CONFIG);
  });

  it('keeps given values', () => {
    const config = { historyLength: 10, minHistory: 10, threshold: 3, minVolume: 0, minRatio: 1, direction: 'spike' } as const;
    expect(resolveAnomalyScorerConfig(config)).toEqual(config);
  });

  it.each([
    [{ historyLength: 0 }, 'historyLength'],
    [{ historyLength: 2.5 }, 'historyLength'],
    [{ minHistory: 0 }, 'minHistory'],
    [{ minHistory: 31 }, 'minHistory'],
    [{ historyLength: 2 }, 'minHistory'],
    [{ threshold: 0 }, 'threshold'],
    [{ threshold: Number.NaN }, 'threshold'],
    [{ minVolume: -1 }, 'minVolume'],
    [{ minRatio: 0.5 }, 'minRatio'],
    [{ direction: 'up' as 'spike' }, 'direction'],
  ])('refuses %j, naming %s', (config, field) => {
    let caught: unknown;
    try {
      resolveAnomalyScorerConfig(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidAnomalyConfigError);
    expect(caught).toMatchObject({ field });
    expect(String(caught)).toContain(`${field} must be`);
  });
});
