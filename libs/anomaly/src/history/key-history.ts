/**
 * One key's trailing values, oldest to newest, in a fixed ring (no allocation per update).
 *
 * It holds one value more than the baseline length: when a window fires again with an updated
 * count (allowed lateness), the newest value is replaced and re-scored against exactly the
 * baseline the first firing saw, including the value the first push would otherwise have evicted.
 */
export class KeyHistory {
  private readonly ring: Float64Array;
  private next = 0;
  private count = 0;

  constructor(
    private readonly historyLength: number,
    public lastWindowStart: number,
  ) {
    this.ring = new Float64Array(historyLength + 1);
  }

  /** The baseline for scoring the next value: up to `historyLength` newest values. */
  get baselineSize(): number {
    return Math.min(this.count, this.historyLength);
  }

  push(value: number): void {
    this.ring[this.next] = value;
    this.next = this.next + 1 === this.ring.length ? 0 : this.next + 1;
    if (this.count < this.ring.length) this.count += 1;
  }

  dropNewest(): void {
    if (this.count === 0) return;
    this.next = this.next === 0 ? this.ring.length - 1 : this.next - 1;
    this.count -= 1;
  }

  // Mean and standard deviation are recomputed from the values, oldest first, rather than kept
  // as running sums: at most historyLength (30) adds per key per window is cheap, it is
  // numerically stable, and results depend only on the values, so a restored detector matches
  // an uninterrupted one bit for bit.

  /** Mean of the baseline. */
  mean(): number {
    const n = this.baselineSize;
    let sum = 0;
    for (let i = 0, index = this.indexOfNewest(n); i < n; i++) {
      sum += this.ring[index] as number;
      index = index + 1 === this.ring.length ? 0 : index + 1;
    }
    return sum / n;
  }

  /** Sample (n − 1) standard deviation of the baseline around `mean`; needs >= 2 values. */
  sampleStdDev(mean: number): number {
    const n = this.baselineSize;
    let squares = 0;
    for (let i = 0, index = this.indexOfNewest(n); i < n; i++) {
      const deviation = (this.ring[index] as number) - mean;
      squares += deviation * deviation;
      index = index + 1 === this.ring.length ? 0 : index + 1;
    }
    return Math.sqrt(squares / (n - 1));
  }

  /** Every stored value, oldest first (for snapshots). */
  toArray(): number[] {
    const values: number[] = [];
    for (let i = 0, index = this.indexOfNewest(this.count); i < this.count; i++) {
      values.push(this.ring[index] as number);
      index = index + 1 === this.ring.length ? 0 : index + 1;
    }
    return values;
  }

  /** Ring index of the oldest of the newest `n` values. */
  private indexOfNewest(n: number): number {
    const index = this.next - n;
    return index < 0 ? index + this.ring.length : index;
  }
}
