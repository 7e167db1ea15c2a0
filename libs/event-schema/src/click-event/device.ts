/**
 * The closed set of device classes. `bot` is a device class (not a flag) because the producer's
 * user-agent classifier emits exactly one class per click and crawlers are the class we most
 * often want to filter out of dashboards.
 */
export const DEVICES = ['desktop', 'mobile', 'tablet', 'bot'] as const;

export type Device = (typeof DEVICES)[number];

/** Comparisons instead of a Set lookup: four string compares are cheaper on the hot path. */
export function isDevice(value: string): value is Device {
  return value === 'desktop' || value === 'mobile' || value === 'tablet' || value === 'bot';
}
