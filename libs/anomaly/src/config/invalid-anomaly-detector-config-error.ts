/** A detector config field breaks its rule; names the field, the value seen and the rule. */
export class InvalidAnomalyDetectorConfigError extends Error {
  override readonly name = 'InvalidAnomalyDetectorConfigError';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`anomaly detector config: ${field} must be ${rule}, got ${String(value)}`);
  }
}
