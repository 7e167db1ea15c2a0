/**
 * A window handed to the scorer out of order or with a count that is not a count. Totals come
 * from our own tables, so this is a bug upstream: throwing beats a silently poisoned baseline.
 */
export class InvalidWindowError extends Error {
  override readonly name = 'InvalidWindowError';
}
