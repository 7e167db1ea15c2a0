import type { PartitionRef } from './partition-checkpoint';

/** A flush range (from, to] as announced by the owner holding `epoch`. */
export interface LedgerRange {
  readonly ref: PartitionRef;
  readonly fromOffset: string;
  readonly toOffset: string;
  readonly epoch: number;
}

/** The engine state after `offset`, written once all data up to `offset` landed. */
export interface LedgerSnapshot {
  readonly ref: PartitionRef;
  readonly offset: string;
  readonly epoch: number;
  readonly state: string;
}

/** What the ledger knows about a partition: enough to rebuild what Redis lost. */
export interface LedgerRecoveryPoint {
  /** The newest announced range: everything before its `fromOffset` is fully written. */
  readonly lastRange: { readonly fromOffset: string; readonly toOffset: string };
  /** The oldest range's start: where an owner without snapshot replays from. */
  readonly firstOffset: string;
  /** The highest epoch any owner recorded: the next claim must go above it. */
  readonly maxEpoch: number;
  /** The newest snapshot at or before lastRange.fromOffset, or exactly at lastRange.toOffset. */
  readonly snapshot: { readonly offset: string; readonly state: string } | undefined;
}

/**
 * The durable copy of the checkpoint protocol (ClickHouse in production), written on every flush
 * and read only when the fast store (Redis) has nothing for a partition.
 */
export interface CheckpointLedger {
  recordRange(range: LedgerRange, dedupToken: string): Promise<void>;
  recordSnapshot(snapshot: LedgerSnapshot, dedupToken: string): Promise<void>;
  /** Undefined for a partition that never flushed (a truly new one). */
  recoveryPoint(ref: PartitionRef): Promise<LedgerRecoveryPoint | undefined>;
}
