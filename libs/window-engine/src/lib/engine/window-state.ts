import type { TimeWindow } from '../window/time-window';

/** State of one key in one window. A class so the hot path sees one hidden shape. */
export class KeyState<Acc> {
  constructor(
    readonly key: string,
    /** Meaningless when hasAcc is false (discarding mode after a pane, before new data). */
    public acc: Acc | undefined,
    public hasAcc: boolean,
    public nextPane: number,
    /** Updated since the window fired, so a late pane is due. */
    public pendingLate: boolean,
    /** Events added since the last pane (what `acc` holds); counted only under a held-events bound. */
    public held = 0,
    /** Its place in the window's key order (the order keys first arrived, kept across snapshots): panes go out in it. */
    readonly seq = 0,
  ) {}
}

const NO_SLOTS = new Int32Array(0);
/** Slots at or above this are not remembered (their keys are found by the key): 8 MB per window at most. */
export const MAX_REMEMBERED_SLOT = 1 << 21;

/** One open window across all keys. */
export class WindowState<Acc> {
  readonly keys = new Map<string, KeyState<Acc>>();
  /** The same keys in their order (`ordered[k.seq] === k`). */
  readonly ordered: KeyState<Acc>[] = [];
  /** Keys updated after the window fired; they get a late pane at the next advanceWatermark. */
  readonly pendingLate: KeyState<Acc>[] = [];
  fired = false;
  /** Sum of its keys' `held`. */
  held = 0;
  /** Key slot (WindowEngineConfig.keySlotOf) -> seq + 1 of the key last seen with it; 0: none. */
  private slots: Int32Array = NO_SLOTS;

  constructor(
    readonly window: TimeWindow,
    /** Flink's cleanup time: max timestamp + allowed lateness. Late and purged once watermark >= it. */
    readonly cleanupTime: number,
  ) {}

  /** Adds a key not yet in the window, last in its order. */
  addKey(k: KeyState<Acc>): void {
    this.keys.set(k.key, k);
    this.ordered.push(k);
  }

  /** The state of `key`, found through `slot` when it was remembered there, else by the key. */
  keyAt(slot: number, key: string): KeyState<Acc> | undefined {
    if (slot >= 0 && slot < this.slots.length) {
      const k = this.ordered[(this.slots[slot] as number) - 1];
      // The slot is a hint: the key string decides (a slot may have named another key before).
      if (k !== undefined && k.key === key) return k;
    }
    const k = this.keys.get(key);
    if (k !== undefined) this.remember(slot, k);
    return k;
  }

  /** Remembers that `slot` names `k` (see keyAt). */
  remember(slot: number, k: KeyState<Acc>): void {
    if (!(slot >= 0 && slot < MAX_REMEMBERED_SLOT && (slot | 0) === slot)) return;
    if (slot >= this.slots.length) {
      const grown = new Int32Array(Math.max(slot + 1, 2 * this.slots.length, 1024));
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[slot] = k.seq + 1;
  }
}
