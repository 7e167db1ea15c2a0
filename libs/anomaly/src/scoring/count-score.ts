/**
 * How far a window's count lies from a key's recent counts, for counts that vary like Poisson
 * counts (clicks per minute of one page) and sometimes more.
 *
 * Counts are compared on the Anscombe scale `a(x) = 2 * sqrt(x + 3/8)`, where a Poisson count has a
 * standard deviation of about 1 whatever its mean: 8 clicks against a usual 3 is a(8) - a(3) = 2.2
 * there (noise), 2,000 against a usual 600 is 40 (a real spike), with one threshold for both.
 * The baseline is the median of the earlier windows and their spread the MAD (scaled to a standard
 * deviation), so one past spike moves neither. The spread is never taken below 1, the Poisson noise
 * itself, and is widened for short histories, whose median is itself uncertain.
 */
export interface CountScore {
  readonly observed: number;
  /** Median of the earlier windows' counts: what the window "should" have had. */
  readonly baseline: number;
  /** The standard deviation used, on the Anscombe scale (>= 1). */
  readonly spread: number;
  /** (a(observed) - median of a(history)) / spread; positive for spikes, negative for drops. */
  readonly score: number;
  readonly historySize: number;
}

/** Scale factor from the MAD to a standard deviation for normal data. */
const MAD_TO_SIGMA = 1.4826;

/** The Anscombe transform: variance about 1 for a Poisson count of any mean above ~1. */
export function anscombe(count: number): number {
  return 2 * Math.sqrt(count + 0.375);
}

/** Scores `observed` against `history` (the earlier windows' counts, any order, at least one). */
export function scoreCount(history: ArrayLike<number>, observed: number): CountScore {
  const n = history.length;
  const counts = Float64Array.from(history).sort();
  const baseline = middleOfSorted(counts);
  const transformed = counts.map(anscombe); // sorted too: the transform is monotone
  const center = middleOfSorted(transformed);
  const deviations = transformed.map((t) => Math.abs(t - center)).sort();
  const robustSigma = MAD_TO_SIGMA * middleOfSorted(deviations);
  // The median of n values has a variance of about (pi / 2) sigma^2 / n: a baseline from 3 windows
  // is itself noisy, and ignoring that would make the first verdicts the least trustworthy.
  const spread = Math.max(1, robustSigma) * Math.sqrt(1 + Math.PI / (2 * n));
  const score = (anscombe(observed) - center) / spread;
  return { observed, baseline, spread, score, historySize: n };
}

function middleOfSorted(values: Float64Array): number {
  const n = values.length;
  const half = n >> 1;
  return n % 2 === 1 ? (values[half] as number) : ((values[half - 1] as number) + (values[half] as number)) / 2;
}
