export interface WaitForOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
  /** What is awaited, for the error message ("3 rows in clicks_raw"). */
  description: string;
}

export class WaitForTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    const last = lastError instanceof Error ? lastError.message : lastError === undefined ? 'returned false' : String(lastError);
    super(`timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${description}; last attempt: ${last}`, {
      cause: lastError,
    });
    this.name = 'WaitForTimeoutError';
  }
}

/**
 * Polls instead of sleeping: calls `check` until it neither throws nor returns false, and resolves
 * with what it returned. `check` can be a predicate or a block of expect() assertions.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitForOptions): Promise<Exclude<T, false>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    attempts += 1;
    try {
      const result = await check();
      if (result !== false) return result as Exclude<T, false>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw new WaitForTimeoutError(options.description, timeoutMs, attempts, lastError);
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}
