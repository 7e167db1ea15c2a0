/** A scorer config field breaks its rule; names the field, the value seen and the rule. */
export class InvalidAnomalyConfigError extends Error {
  override readonly name = 'InvalidAnomalyConfigError';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`anomaly scorer config: ${field} must be ${rule}, got ${String(value)}`);
  }
}
