import type { Setting } from './setting';

/** How an error message names a setting an operator can change: `--brokers (env KAFKA_BROKERS)`. */
export function settingLabel(setting: Pick<Setting<unknown>, 'flag' | 'env'>): string {
  return `--${setting.flag} (env ${setting.env})`;
}
