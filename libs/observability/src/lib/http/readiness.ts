/** Outcome of one readiness probe: `detail` explains a "no" to whoever reads /readyz. */
export interface ReadinessResult {
  readonly ready: boolean;
  readonly detail?: string;
}

export interface ReadinessCheck {
  readonly name: string;
  check(): ReadinessResult | Promise<ReadinessResult>;
}

/**
 * Readiness that means progress, not only a connection: not ready while there is work pending
 * (e.g. consumer lag) and nothing has moved for `stallAfterMs`. A hung consumer then shows up.
 * The time of the last progress is read from its owner, not kept here.
 */
export class ProgressCheck implements ReadinessCheck {
  constructor(
    readonly name: string,
    private readonly stallAfterMs: number,
    private readonly hasPendingWork: () => boolean,
    private readonly lastProgressAt: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  check(): ReadinessResult {
    const idleFor = this.now() - this.lastProgressAt();
    if (!this.hasPendingWork() || idleFor < this.stallAfterMs) return { ready: true };
    return { ready: false, detail: `work pending but no progress for ${idleFor} ms` };
  }
}

/** Evaluates all checks; a check that throws counts as not ready, with its message as detail. */
export async function evaluateReadiness(
  checks: readonly ReadinessCheck[],
): Promise<{ ready: boolean; checks: Record<string, ReadinessResult> }> {
  const results: Record<string, ReadinessResult> = {};
  await Promise.all(
    checks.map(async (c) => {
      try {
        results[c.name] = await c.check();
      } catch (err) {
        results[c.name] = { ready: false, detail: (err as Error).message };
      }
    }),
  );
  return { ready: Object.values(results).every((r) => r.ready), checks: results };
}
