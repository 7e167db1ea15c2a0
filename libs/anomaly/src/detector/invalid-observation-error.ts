/**
 * `observe` got a non-finite number. Window counts come from our own engine, so this is a bug
 * upstream, and throwing beats silently poisoning the key's history with NaN.
 */
export class InvalidObservationError extends Error {
  override readonly name = 'InvalidObservationError';

  constructor(
    readonly key: string,
    readonly field: 'windowStart' | 'value',
    readonly received: number,
  ) {
    super(`anomaly detector: ${field} for key ${JSON.stringify(key)} must be finite, got ${received}`);
  }
}
