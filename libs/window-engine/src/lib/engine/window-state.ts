import type { TimeWindow } from '../window/time-window';
import { isKeySlot, KeySlotTable } from './key-slot-table';

/**
 * State of one key in one window. An Aggregation may make it one object with the key's first
 * accumulator (Aggregation.createKeyState, `acc` then being the object itself); else it is a
 * PlainKeyState beside its accumulator.
 */
export interface KeyState<Acc> {
  readonly key: string;
  /** Meaningless when hasAcc is false (discarding mode after a pane, before new data). */
  acc: Acc | undefined;
  hasAcc: boolean;
  nextPane: number;
  /** Updated since the window fired, so a late pane is due. */
  pendingLate: boolean;
  /** Events added since the last pane (what `acc` holds); counted only under a held-events bound. */
  held: number;
  /** Its place in the window's key order (the order keys first arrived, kept across snapshots): panes go out in it. */
  readonly seq: number;
}

/** A key state beside its accumulator. A class so the hot path sees one hidden shape. */
export class PlainKeyState<Acc> implements KeyState<Acc> {
  constructor(
    readonly key: string,
    public acc: Acc | undefined,
    public hasAcc: boolean,
    public nextPane: number,
    public pendingLate: boolean,
    public held = 0,
    readonly seq = 0,
  ) {}
}

/** A window whose slots are hints only (no slot epoch, or it left exact mode). */
export const NOT_EXACT = -1;

/**
 * One open window across all keys.
 *
 * Keys are found by their slot (WindowEngineConfig.keySlotOf) when they have one. In exact mode (a
 * window opened with a slot epoch, WindowEngineConfig.keySlotEpoch) every key arrived with its slot
 * of that epoch, so a slot that names nothing is a new key and no Map of the keys is kept: at 20,000
 * pages most events start a key, and the Map's lookup and insert were 6% of the aggregator (issue
 * 14). The first key without an exact slot (none, another epoch, a slot naming another key) ends
 * exact mode: the Map is built from `ordered`, and slots stay as hints confirmed by the key. The
 * slot table (KeySlotTable) takes 16 to 32 bytes per key.
 */
export class WindowState<Acc> {
  /** The keys by string; undefined in exact mode. */
  private byKey: Map<string, KeyState<Acc>> | undefined;
  /** The keys in their order (`ordered[k.seq] === k`). */
  readonly ordered: KeyState<Acc>[] = [];
  /** Keys updated after the window fired; they get a late pane at the next advanceWatermark. */
  readonly pendingLate: KeyState<Acc>[] = [];
  fired = false;
  /** Sum of its keys' `held`. */
  held = 0;
  /** Key slot -> seq + 1 of the key last seen with it; 0: none. */
  private readonly slots: KeySlotTable;

  constructor(
    readonly window: TimeWindow,
    /** Flink's cleanup time: max timestamp + allowed lateness. Late and purged once watermark >= it. */
    readonly cleanupTime: number,
    /** The slot epoch the window is exact in, or NOT_EXACT. */
    private slotEpoch = NOT_EXACT,
    /** Keys its slot table is sized for from the start (the engine passes the last window's count). */
    expectedKeys = 0,
  ) {
    this.byKey = slotEpoch === NOT_EXACT ? new Map() : undefined;
    this.slots = new KeySlotTable(expectedKeys);
  }

  get size(): number {
    return this.ordered.length;
  }

  /**
   * In exact mode, for a key that arrived with `slot` in the window's slot epoch: its state, or null
   * when the window does not hold it. Undefined when only the key can tell (use `keyAt`). Needs no
   * key: within an epoch a slot names one key, so the key string is read only for a new key.
   */
  exactKeyAt(slot: number, epoch: number): KeyState<Acc> | null | undefined {
    if (this.byKey !== undefined || epoch !== this.slotEpoch || !isKeySlot(slot)) return undefined;
    const at = this.slots.get(slot);
    return at === 0 ? null : (this.ordered[at - 1] as KeyState<Acc>);
  }

  /**
   * The state of `key`, which arrived with `slot` in slot epoch `epoch` (NOT_EXACT: none), or
   * undefined when the window does not hold the key.
   */
  keyAt(slot: number, key: string, epoch: number): KeyState<Acc> | undefined {
    if (isKeySlot(slot)) {
      const at = this.slots.get(slot);
      // 0: nothing remembered (tested first: ordered[-1] would be a slow named-property load).
      if (at !== 0) {
        const k = this.ordered[at - 1] as KeyState<Acc>;
        if (k.key === key) return k;
      } else if (this.byKey === undefined && epoch === this.slotEpoch) {
        return undefined; // exact: every key of the window is remembered under its slot
      }
    }
    const byKey = this.byKey ?? this.leaveExactMode();
    const k = byKey.get(key);
    if (k !== undefined) this.remember(slot, k);
    return k;
  }

  /** Adds a key that keyAt did not find (with the same slot), last in the window's order. */
  addKey(k: KeyState<Acc>, slot: number): void {
    this.ordered.push(k);
    if (this.byKey !== undefined) this.byKey.set(k.key, k);
    this.remember(slot, k);
  }

  private leaveExactMode(): Map<string, KeyState<Acc>> {
    const byKey = new Map<string, KeyState<Acc>>();
    for (const k of this.ordered) byKey.set(k.key, k);
    this.byKey = byKey;
    this.slotEpoch = NOT_EXACT;
    return byKey;
  }

  private remember(slot: number, k: KeyState<Acc>): void {
    if (isKeySlot(slot)) this.slots.set(slot, k.seq);
  }
}
