import type { SeededRandom } from './seeded-random';

/** Picks items with given weights in O(log n) by binary search over the cumulative weights. */
export class WeightedChoice<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError(`WeightedChoice needs one weight per item (items ${items.length}, weights ${weights.length})`);
    }
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new RangeError(`weight ${i} must be >= 0, got ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('WeightedChoice needs a positive total weight');
  }

  /** Share of all picks that item `index` gets. */
  shareOf(index: number): number {
    const total = this.cumulative[this.cumulative.length - 1] ?? 1;
    const before = index === 0 ? 0 : (this.cumulative[index - 1] ?? 0);
    return ((this.cumulative[index] ?? 0) - before) / total;
  }

  pickIndex(random: SeededRandom): number {
    const target = random.float() * (this.cumulative[this.cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(random: SeededRandom): T {
    return this.items[this.pickIndex(random)] as T;
  }
}

/** Zipf weights 1/rank^s: a few pages get most clicks, a long tail gets the rest, as on real sites. */
export function zipfWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, exponent));
}
