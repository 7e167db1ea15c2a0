import type { Reference, WindowTotal } from '../harness/reference-model';

/** What the pipeline wrote, in the shapes the verdict compares with the brute-force reference. */
export interface ObservedOutputs {
  readonly windows: readonly WindowTotal[];
  readonly lateEventIds: readonly string[];
  /** event_id -> rows in clicks_raw with it. */
  readonly rawRowsById: ReadonlyMap<string, number>;
  /** Distinct dead-letter keys (`<app>/<topic>/<partition>/<offset>`) found in the DLQ topic. */
  readonly deadLetterKeys: readonly string[];
}

/** One drill's outcome, counted in events (not rows): every number but the expectations should be 0. */
export interface DrillVerdict {
  readonly validEvents: number;
  readonly malformed: number;
  readonly lost: number;
  readonly countedTwice: number;
  readonly windowsExpected: number;
  readonly windowsWrong: number;
  readonly raw: { readonly lost: number; readonly countedTwice: number };
  readonly windowClicks: { readonly lost: number; readonly countedTwice: number };
  readonly late: { readonly expected: number; readonly lost: number; readonly countedTwice: number };
  readonly deadLetters: { readonly expected: number; readonly found: number };
  readonly ok: boolean;
}

const windowKey = (w: WindowTotal) => `${w.windowStart}|${w.page}|${w.country}`;

function countIds(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Missing and surplus occurrences of `got` against `want` (both id -> count). */
function diffCounts(want: ReadonlyMap<string, number>, got: ReadonlyMap<string, number>): { lost: number; countedTwice: number } {
  let lost = 0;
  let countedTwice = 0;
  for (const [id, n] of want) lost += Math.max(0, n - (got.get(id) ?? 0));
  for (const [id, n] of got) countedTwice += Math.max(0, n - (want.get(id) ?? 0));
  return { lost, countedTwice };
}

/**
 * Compares the tables with the reference computed from the topic itself: raw rows by event_id,
 * window totals per (window, page, country), late events by id, and dead letters (each of the two
 * consumer apps dead-letters every malformed record once).
 */
export function computeVerdict(reference: Reference, observed: ObservedOutputs, consumerApps = 2): DrillVerdict {
  const raw = diffCounts(countIds(reference.validEventIds), observed.rawRowsById);
  const late = diffCounts(countIds(reference.lateEventIds), countIds(observed.lateEventIds));

  const got = new Map(observed.windows.map((w) => [windowKey(w), w]));
  const want = new Map(reference.windows.map((w) => [windowKey(w), w]));
  let windowsWrong = 0;
  const windowClicks = { lost: 0, countedTwice: 0 };
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(key);
    const g = got.get(key);
    const wantClicks = w?.clicks ?? 0;
    const gotClicks = g?.clicks ?? 0;
    windowClicks.lost += Math.max(0, wantClicks - gotClicks);
    windowClicks.countedTwice += Math.max(0, gotClicks - wantClicks);
    if (!w || !g || w.clicks !== g.clicks || w.uniqueUsers !== g.uniqueUsers) windowsWrong++;
  }

  const deadLetters = { expected: reference.invalidOffsets.length * consumerApps, found: new Set(observed.deadLetterKeys).size };
  const lost = raw.lost + windowClicks.lost + late.lost + Math.max(0, deadLetters.expected - deadLetters.found);
  const countedTwice = raw.countedTwice + windowClicks.countedTwice + late.countedTwice;
  return {
    validEvents: reference.validEventIds.length,
    malformed: reference.invalidOffsets.length,
    lost,
    countedTwice,
    windowsExpected: reference.windows.length,
    windowsWrong,
    raw,
    windowClicks,
    late: { expected: reference.lateEventIds.length, ...late },
    deadLetters,
    ok: lost === 0 && countedTwice === 0 && windowsWrong === 0 && deadLetters.found === deadLetters.expected,
  };
}
