import { WindowSnapshotError } from '../errors/window-snapshot-error';
import type { Aggregation } from './aggregation';

/** Number of events in the window (clicks). */
export function countMeasure<In = unknown>(): Aggregation<In, number, number> {
  return {
    create: () => 0,
    add: (acc) => acc + 1,
    result: (acc) => acc,
    snapshotAcc: (acc) => acc,
    restoreAcc: (snapshot) => {
      if (typeof snapshot !== 'number' || !Number.isSafeInteger(snapshot) || snapshot < 0) {
        throw new WindowSnapshotError('count', snapshot, 'must be a non-negative integer');
      }
      return snapshot;
    },
  };
}
