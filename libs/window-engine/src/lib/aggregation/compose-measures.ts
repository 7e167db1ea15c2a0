import { WindowSnapshotError } from '../errors/window-snapshot-error';
import type { Aggregation } from './aggregation';
import type { JsonValue } from './json-value';

/** Named measures over the same input; the generic slot is satisfied by any specific Aggregation. */
export type MeasureSet<In> = Readonly<Record<string, Aggregation<In, unknown, unknown>>>;

/** The result of composed measures: each name mapped to its measure's output type. */
export type MeasureResults<M> = {
  [K in keyof M]: M[K] extends Aggregation<never, unknown, infer Out> ? Out : never;
};

/**
 * Combines named measures into one Aggregation. The accumulator is an array in name order (not an
 * object) so the per-event add is an indexed loop; the snapshot is that array of sub-snapshots.
 */
export function composeMeasures<In, M extends MeasureSet<In>>(measures: M): Aggregation<In, unknown[], MeasureResults<M>> {
  const names = Object.keys(measures);
  const list = names.map((name) => measures[name] as Aggregation<In, unknown, unknown>);
  const count = list.length;
  return {
    create: () => list.map((m) => m.create()),
    add: addAll(list),
    result: (acc) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) out[names[i] as string] = (list[i] as Aggregation<In, unknown, unknown>).result(acc[i]);
      return out as MeasureResults<M>;
    },
    snapshotAcc: (acc, strings) => list.map((m, i) => m.snapshotAcc(acc[i], strings)),
    restoreAcc: (snapshot: JsonValue, strings: readonly string[]) => {
      if (!Array.isArray(snapshot) || snapshot.length !== count) {
        throw new WindowSnapshotError('measures', snapshot, `must be an array of ${count} measure snapshots (${names.join(', ')})`);
      }
      return list.map((m, i) => m.restoreAcc(snapshot[i] as JsonValue, strings));
    },
  };
}

/**
 * The per-event add over all measures. For one or two measures (the common cases) each measure
 * gets its own call site, which V8 can inline; a loop's single site sees every measure's add and
 * stays a polymorphic call.
 */
function addAll<In>(list: Aggregation<In, unknown, unknown>[]): (acc: unknown[], input: In) => unknown[] {
  const [first, second] = list;
  if (list.length === 1 && first !== undefined) {
    return (acc, input) => {
      acc[0] = first.add(acc[0], input);
      return acc;
    };
  }
  if (list.length === 2 && first !== undefined && second !== undefined) {
    return (acc, input) => {
      acc[0] = first.add(acc[0], input);
      acc[1] = second.add(acc[1], input);
      return acc;
    };
  }
  const count = list.length;
  return (acc, input) => {
    for (let i = 0; i < count; i++) acc[i] = (list[i] as Aggregation<In, unknown, unknown>).add(acc[i], input);
    return acc;
  };
}
