import type { QualityRunResult, TrialOutcome } from './quality-run';

export const VOLUME_BUCKETS: ReadonlyArray<readonly [label: string, min: number, max: number]> = [
  ['< 10', 0, 10],
  ['10-50', 10, 50],
  ['50-200', 50, 200],
  ['200-1,000', 200, 1_000],
  ['>= 1,000', 1_000, Number.POSITIVE_INFINITY],
];

export interface Rate {
  readonly hits: number;
  readonly n: number;
}

export function recall(trials: readonly TrialOutcome[], config: number, filter: (t: TrialOutcome) => boolean): Rate {
  const chosen = trials.filter(filter);
  return { hits: chosen.filter((t) => t.detected[config]).length, n: chosen.length };
}

export function formatRate(r: Rate): string {
  return r.n === 0 ? '-' : `${((100 * r.hits) / r.n).toFixed(r.hits === r.n ? 0 : 1)}% (${r.n})`;
}

/** Recall by direction and factor (rows) and the page's normal clicks per minute (columns). */
export function recallTable(trials: readonly TrialOutcome[], config: number, factors: readonly number[]): string {
  const header = `| change | ${VOLUME_BUCKETS.map(([label]) => `${label} clicks/min`).join(' | ')} | >= 50 clicks/min |`;
  const rule = `| --- | ${VOLUME_BUCKETS.map(() => '---:').join(' | ')} | ---: |`;
  const rows: string[] = [];
  for (const kind of ['spike', 'drop'] as const) {
    for (const factor of factors) {
      const ofRow = (t: TrialOutcome) => t.kind === kind && t.factor === factor;
      const cells = VOLUME_BUCKETS.map(([, min, max]) => formatRate(recall(trials, config, (t) => ofRow(t) && t.expected >= min && t.expected < max)));
      const busy = formatRate(recall(trials, config, (t) => ofRow(t) && t.expected >= 50));
      rows.push(`| ${kind} ${kind === 'spike' ? 'x' : '/'}${factor} | ${cells.join(' | ')} | ${busy} |`);
    }
  }
  return [header, rule, ...rows].join('\n');
}

/** Sums per-config counters over seeds. */
export function totalOver(results: readonly QualityRunResult[], pick: (r: QualityRunResult) => number[], config: number): number {
  return results.reduce((sum, r) => sum + (pick(r)[config] ?? 0), 0);
}
