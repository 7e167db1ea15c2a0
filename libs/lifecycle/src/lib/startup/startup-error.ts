/**
 * A start-up step that cannot succeed without the operator changing something: names the service,
 * the address tried and the setting that moves it, so the fatal line says what to do.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';

  constructor(
    /** What could not be used: 'Kafka', 'Redis', 'ClickHouse', 'the metrics server'. */
    readonly service: string,
    readonly address: string,
    /** What went wrong, short: 'is unreachable (ECONNREFUSED)', 'port is taken'. */
    readonly problem: string,
    /** What to do: 'start the stack (npm run stack:up) or set --brokers (env KAFKA_BROKERS)'. */
    readonly remedy: string,
    options?: { cause?: unknown },
  ) {
    super(`${service} at ${address} ${problem}: ${remedy}`, options);
  }
}

/** The short cause of a network error: its code when it has one ('ECONNREFUSED'), else its message. */
export function networkReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e?.code === 'string') return e.code;
  // AggregateError (happy eyeballs: one error per address tried) carries the codes inside.
  if (Array.isArray(e?.errors) && e.errors.length > 0) return networkReason(e.errors[0]);
  return typeof e?.message === 'string' && e.message !== '' ? e.message : String(err);
}
