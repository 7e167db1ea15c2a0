/** One sample line of the Prometheus text exposition format. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1] as string] = l[2] as string;
    const raw = m[3] as string;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    samples.push({ name: m[1] as string, labels, value });
  }
  return samples;
}

/** Sum of a metric over all its label sets; 0 when absent (the app has not counted anything yet). */
export function sumOf(samples: readonly PrometheusSample[], name: string): number {
  let total = 0;
  for (const s of samples) if (s.name === name) total += s.value;
  return total;
}

/** A histogram's running totals, to diff between two scrapes. */
export interface HistogramTotals {
  count: number;
  sum: number;
  /** Cumulative count per upper bound (`le`), ascending. */
  buckets: { le: number; count: number }[];
}

export function histogramOf(samples: readonly PrometheusSample[], name: string): HistogramTotals {
  const buckets = samples
    .filter((s) => s.name === `${name}_bucket`)
    .map((s) => ({ le: s.labels['le'] === '+Inf' ? Infinity : Number(s.labels['le']), count: s.value }))
    .sort((a, b) => a.le - b.le);
  return { count: sumOf(samples, `${name}_count`), sum: sumOf(samples, `${name}_sum`), buckets };
}

/** Observations made between two scrapes of the same histogram. */
export function histogramDelta(before: HistogramTotals, after: HistogramTotals): HistogramTotals {
  const beforeAt = new Map(before.buckets.map((b) => [b.le, b.count]));
  return {
    count: after.count - before.count,
    sum: after.sum - before.sum,
    buckets: after.buckets.map((b) => ({ le: b.le, count: b.count - (beforeAt.get(b.le) ?? 0) })),
  };
}

/** Upper bound of the smallest bucket holding every observation: "all were at most this". */
export function histogramMaxBound(h: HistogramTotals): number | undefined {
  if (h.count <= 0) return undefined;
  return h.buckets.find((b) => b.count >= h.count)?.le;
}
