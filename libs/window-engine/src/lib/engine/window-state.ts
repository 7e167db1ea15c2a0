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

/** One open window across all keys. */
export class WindowState<Acc> {
  readonly keys = new Map<string, KeyState<Acc>>();
  /** Keys updated after the window fired; they get a late pane at the next advanceWatermark. */
  readonly pendingLate: KeyState<Acc>[] = [];
  fired = false;
  /** Sum of its keys' `held`. */
  held = 0;

  constructor(
    readonly window: TimeWindow,
    /** Flink's cleanup time: max timestamp + allowed lateness. Late and purged once watermark >= it. */
    readonly cleanupTime: number,
  ) {}
}
