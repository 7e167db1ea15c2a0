import type { LedgerRecoveryPoint } from './checkpoint-ledger';

/** How an owner rebuilds a partition whose Redis checkpoint vanished. */
export interface RecoveryPlan {
  /** Seek here; the restored state is the state after the record before it. */
  readonly startOffset: string;
  /** Serialized state to restore; undefined = start empty (no snapshot: replay from the beginning). */
  readonly state: string | undefined;
  /** Records [startOffset, silentTo) are processed but their output discarded: it was already written. */
  readonly silentTo: string | undefined;
  /** The range that may be half-written, replayed as a pending flush with its original token. */
  readonly pending: { readonly fromOffset: string; readonly toOffset: string } | undefined;
}

/**
 * Pure: ledger row (F, T] and snapshot S. S = T means everything is written (resume at T); else
 * S <= F: replay (S, F] silently (engine state after F depends only on the records, not on where cuts
 * fell), then (F, T] as a pending flush so its tokens match what may have landed.
 */
export function planRecovery(point: LedgerRecoveryPoint): RecoveryPlan {
  const { fromOffset, toOffset } = point.lastRange;
  const snapshot = point.snapshot;
  if (snapshot !== undefined && BigInt(snapshot.offset) === BigInt(toOffset)) {
    return { startOffset: toOffset, state: snapshot.state, silentTo: undefined, pending: undefined };
  }
  if (snapshot !== undefined && BigInt(snapshot.offset) > BigInt(fromOffset)) {
    throw new RangeError(`snapshot at ${snapshot.offset} lies inside the last ledger range (${fromOffset}, ${toOffset}]`);
  }
  const startOffset = snapshot?.offset ?? point.firstOffset;
  return {
    startOffset,
    state: snapshot?.state,
    silentTo: BigInt(startOffset) < BigInt(fromOffset) ? fromOffset : undefined,
    pending: BigInt(fromOffset) < BigInt(toOffset) ? { fromOffset, toOffset } : undefined,
  };
}
