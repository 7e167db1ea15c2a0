import { WatermarkConfigError } from '../errors/watermark-config-error';
import {
  DEFAULT_OUT_OF_ORDERNESS_MS,
  type ResolvedWatermarkConfig,
  type WatermarkTrackerConfig,
} from './watermark-tracker-config';

const KNOWN_FIELDS = new Set(['outOfOrdernessMs', 'idleTimeoutMs', 'quietAdvance', 'maxLeadMs']);

function requireInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new WatermarkConfigError(field, value, `must be an integer number of ms >= ${min}`);
  }
  return value;
}

/** Applies defaults and rejects anything invalid, including unknown fields (usually a typo). */
export function resolveWatermarkConfig(config: WatermarkTrackerConfig = {}): ResolvedWatermarkConfig {
  if (typeof config !== 'object' || config === null) {
    throw new WatermarkConfigError('config', config, 'must be an object');
  }
  for (const field of Object.keys(config)) {
    if (!KNOWN_FIELDS.has(field)) throw new WatermarkConfigError(field, (config as Record<string, unknown>)[field], 'unknown field');
  }
  const outOfOrdernessMs =
    config.outOfOrdernessMs === undefined ? DEFAULT_OUT_OF_ORDERNESS_MS : requireInteger('outOfOrdernessMs', config.outOfOrdernessMs, 0);
  const idleTimeoutMs = config.idleTimeoutMs === undefined ? undefined : requireInteger('idleTimeoutMs', config.idleTimeoutMs, 1);
  let quietAfterMs: number | undefined;
  if (config.quietAdvance !== undefined) {
    if (typeof config.quietAdvance !== 'object' || config.quietAdvance === null) {
      throw new WatermarkConfigError('quietAdvance', config.quietAdvance, 'must be an object { afterMs }');
    }
    quietAfterMs = requireInteger('quietAdvance.afterMs', config.quietAdvance.afterMs, 1);
  }
  const maxLeadMs = config.maxLeadMs === undefined ? undefined : requireInteger('maxLeadMs', config.maxLeadMs, 0);
  return { outOfOrdernessMs, idleTimeoutMs, quietAfterMs, maxLeadMs };
}
