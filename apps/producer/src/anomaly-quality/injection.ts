import type { SeededRandom } from '../traffic/seeded-random';
import { ALL_COUNTRIES, KEY_SEPARATOR } from './window-counts';

export type InjectionKind = 'spike' | 'drop';

export interface Injection {
  readonly page: string;
  readonly kind: InjectionKind;
  readonly factor: number;
  /** The page's expected clicks per window in normal traffic. */
  readonly expected: number;
}

/**
 * Applies a spike or drop to one page's counts in one window, per country key and page total.
 * Spike x f: each country key gains Poisson((f - 1) x its expected count) clicks, as if the page got
 * f times its share (the producer's spike). Drop / f: each click survives with probability 1 / f.
 */
export function inject(counts: Map<string, number>, injection: Injection, countryShares: ReadonlyMap<string, number>, random: SeededRandom): void {
  const prefix = injection.page + KEY_SEPARATOR;
  let total = 0;
  for (const [country, share] of countryShares) {
    const key = prefix + country;
    const before = counts.get(key) ?? 0;
    const after =
      injection.kind === 'spike'
        ? before + poisson((injection.factor - 1) * injection.expected * share, random)
        : binomial(before, 1 / injection.factor, random);
    if (after > 0) counts.set(key, after);
    else counts.delete(key);
    total += after;
  }
  if (total > 0) counts.set(prefix + ALL_COUNTRIES, total);
  else counts.delete(prefix + ALL_COUNTRIES);
}

/** Poisson draw: Knuth's product method for small means, a rounded normal for large ones. */
export function poisson(mean: number, random: SeededRandom): number {
  if (mean <= 0) return 0;
  if (mean > 60) {
    const u1 = Math.max(random.float(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.float());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random.float();
  while (product > limit) {
    k += 1;
    product *= random.float();
  }
  return k;
}

export function binomial(n: number, p: number, random: SeededRandom): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random.float() < p) k += 1;
  return k;
}
