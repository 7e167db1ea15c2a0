import { WatermarkConfigError } from '../errors/watermark-config-error';
import { resolveWatermarkConfig } from './resolve-watermark-config';
import type { WatermarkTrackerConfig } from './watermark-tracker-config';

function fieldOf(config: unknown): string | undefined {
  try {
    resolveWatermarkConfig(config as WatermarkTrackerConfig);
  } catch (e) {
    if (e instanceof WatermarkConfigError) return e.field;
    throw e;
  }
  return undefined;
}

describe('resolveWatermarkConfig', () => {
  it('defaults to a 10 s bound, no idleness and no quiet advance', () => {
    expect(resolveWatermarkConfig()).toEqual({ outOfOrdernessMs: 10_000, idleTimeoutMs: undefined, quietAfterMs: undefined, maxLeadMs: undefined });
  });

  it('keeps valid values, including a zero bound', () => {
    expect(resolveWatermarkConfig({ outOfOrdernessMs: 0, idleTimeoutMs: 30_000, quietAdvance: { afterMs: 5_000 }, maxLeadMs: 0 })).toEqual({
      outOfOrdernessMs: 0,
      idleTimeoutMs: 30_000,
      quietAfterMs: 5_000,
      maxLeadMs: 0,
    });
  });

  it.each([
    [{ outOfOrdernessMs: -1 }, 'outOfOrdernessMs'],
    [{ outOfOrdernessMs: 1.5 }, 'outOfOrdernessMs'],
    [{ outOfOrdernessMs: '10' }, 'outOfOrdernessMs'],
    [{ idleTimeoutMs: 0 }, 'idleTimeoutMs'],
    [{ idleTimeoutMs: Number.NaN }, 'idleTimeoutMs'],
    [{ quietAdvance: 5 }, 'quietAdvance'],
    [{ quietAdvance: {} }, 'quietAdvance.afterMs'],
    [{ quietAdvance: { afterMs: Infinity } }, 'quietAdvance.afterMs'],
    [{ idleTimeout: 1000 }, 'idleTimeout'],
    [{ maxLeadMs: -1 }, 'maxLeadMs'],
    [null, 'config'],
  ])('rejects %j naming the field %s', (config, field) => {
    expect(fieldOf(config)).toBe(field);
  });

  it('puts the field and the value in the message', () => {
    expect(() => resolveWatermarkConfig({ idleTimeoutMs: -5 })).toThrow(/idleTimeoutMs = -5/);
  });
});
