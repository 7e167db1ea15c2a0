import { DEFAULT_ANOMALY_DETECTOR_CONFIG, resolveAnomalyDetectorConfig } from './anomaly-detector-config';
import { InvalidAnomalyDetectorConfigError } from './invalid-anomaly-detector-config-error';

describe('resolveAnomalyDetectorConfig', () => {
  it('fills defaults: 30 windows, verdict from 5, threshold 3, stddev floor 1, spikes only', () => {
    expect(resolveAnomalyDetectorConfig()).toEqual({
      historyLength: 30,
      minHistory: 5,
      threshold: 3,
      minStdDev: 1,
      direction: 'up',
    });
    expect(resolveAnomalyDetectorConfig({ threshold: undefined })).toEqual(DEFAULT_ANOMALY_DETECTOR_CONFIG);
  });

  it('keeps given values', () => {
    const config = { historyLength: 10, minHistory: 10, threshold: 2.5, minStdDev: 0, direction: 'both' } as const;
    expect(resolveAnomalyDetectorConfig(config)).toEqual(config);
  });

  it.each([
    [{ historyLength: 1 }, 'historyLength'],
    [{ historyLength: 10.5 }, 'historyLength'],
    [{ minHistory: 1 }, 'minHistory'],
    [{ minHistory: 31 }, 'minHistory'],
    [{ historyLength: 4 }, 'minHistory'],
    [{ threshold: 0 }, 'threshold'],
    [{ threshold: Number.NaN }, 'threshold'],
    [{ minStdDev: -1 }, 'minStdDev'],
    [{ minStdDev: Number.POSITIVE_INFINITY }, 'minStdDev'],
    [{ direction: 'down' as 'up' }, 'direction'],
  ])('refuses %j, naming %s', (config, field) => {
    let caught: unknown;
    try {
      resolveAnomalyDetectorConfig(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidAnomalyDetectorConfigError);
    expect(caught).toMatchObject({ field });
    expect(String(caught)).toContain(`${field} must be`);
  });
});
