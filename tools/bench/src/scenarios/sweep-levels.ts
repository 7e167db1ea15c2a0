import type { SweepLevelSpec } from '../suite/cardinality-sweep-result';

/** The producer's defaults (`--pages`, `--users`, apps/producer/README.md): level 1x. Every level passes both flags explicitly. */
export const PRODUCER_DEFAULT_CARDINALITY = { pages: 200, users: 50_000 } as const;
/** Issue 14: 1x, 10x and 100x the defaults. */
export const SWEEP_FACTORS = [1, 10, 100] as const;

/** Pages and users at each factor of `base`, ascending, factors distinct positive integers. */
export function sweepLevels(factors: readonly number[] = SWEEP_FACTORS, base: { pages: number; users: number } = PRODUCER_DEFAULT_CARDINALITY): SweepLevelSpec[] {
  for (const f of factors) if (!Number.isInteger(f) || f <= 0) throw new RangeError(`sweep factors are positive whole numbers (got ${f})`);
  if (new Set(factors).size !== factors.length) throw new RangeError(`sweep factors must differ (got ${factors.join(', ')})`);
  return [...factors].sort((a, b) => a - b).map((factor) => ({ factor, pages: base.pages * factor, users: base.users * factor }));
}

/** Short name of a level in tables and labels, e.g. `10x (2,000 pages, 500,000 users)`. */
export function levelName(level: SweepLevelSpec): string {
  return `${level.factor}x (${level.pages.toLocaleString('en-US')} pages, ${level.users.toLocaleString('en-US')} users)`;
}
