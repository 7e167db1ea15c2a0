import type { Aggregation } from '../aggregation/aggregation';
import { isSingleWindowAssigner, type SingleWindowAssigner } from '../assigners/window-assigner';
import { InvalidEventTimestampError } from '../errors/invalid-event-timestamp-error';
import { InvalidWatermarkError } from '../errors/invalid-watermark-error';
import { WindowAssignerContractError } from '../errors/window-assigner-contract-error';
import { decodeWindowEngineSnapshot, encodeWindowEngineSnapshot } from '../snapshot/window-engine-snapshot-codec';
import type { WindowEngineSnapshot } from '../snapshot/window-engine-snapshot';
import type { FiredPane } from './fired-pane';
import type { LateEvent } from './late-event';
import type { PaneCollector } from './pane-collector';
import { resolveWindowEngineConfig, type ResolvedWindowEngineConfig } from './resolve-window-engine-config';
import type { WindowEngineConfig } from './window-engine-config';
import type { WindowEngineStats } from './window-engine-stats';
import type { TimeWindow } from '../window/time-window';
import { type KeyState, NOT_EXACT, PlainKeyState, WindowState } from './window-state';

/** Before any watermark: Flink's Long.MIN_VALUE, as the smallest exactly representable integer. */
const START_WATERMARK = Number.MIN_SAFE_INTEGER;

const byWindow = (a: WindowState<unknown>, b: WindowState<unknown>) => a.window.end - b.window.end || a.window.start - b.window.start;
const bySeq = (a: KeyState<unknown>, b: KeyState<unknown>) => a.seq - b.seq;

/**
 * Keyed event-time windows with Flink's EventTimeTrigger semantics. Pure: the caller feeds events
 * and watermarks and receives fired panes and late events; no clock, no I/O.
 *
 * Invariant: every window held in `windows` has cleanupTime > watermark, so an existing window
 * never needs a lateness check on the hot path.
 */
export class WindowEngine<E, Acc, Out> {
  private readonly config: ResolvedWindowEngineConfig<E, Acc, Out>;
  private readonly aggregation: Aggregation<E, Acc, Out>;
  private readonly single: SingleWindowAssigner | undefined;
  private readonly windows = new Map<number, WindowState<Acc>>();
  /** Most events hit the current window: skip the Map lookup for them. */
  private lastWindow: WindowState<Acc> | undefined;
  private currentWatermark = START_WATERMARK;
  /**
   * A watermark below this fires and purges nothing: the smallest of each window's next due point
   * (max timestamp if unfired, cleanup time if fired, -Infinity with late updates pending). The
   * watermark rises every few events; most rises then cost a compare instead of two passes.
   */
  private nextDueAt = Number.NEGATIVE_INFINITY;
  private acceptedEvents = 0;
  private lateEvents = 0;
  private firedPanes = 0;
  /** Events held in accumulators (counted only under a maxHeldEvents bound). */
  private heldEvents = 0;
  private readonly bounded: boolean;
  /** Early panes of the last bound crossing, until taken. */
  private readonly earlyPanes: FiredPaneList<Acc, Out>;

  constructor(config: WindowEngineConfig<E, Acc, Out>) {
    this.config = resolveWindowEngineConfig(config);
    this.aggregation = this.config.aggregation;
    this.single = isSingleWindowAssigner(config.assigner) ? config.assigner : undefined;
    this.bounded = this.config.maxHeldEvents !== Number.POSITIVE_INFINITY;
    this.earlyPanes = new FiredPaneList(this.aggregation);
  }

  /** Whether `add` crossed the held-events bound and early panes wait in `takeEarlyPanes`. */
  get hasEarlyPanes(): boolean {
    return this.earlyPanes.panes.length > 0;
  }

  /**
   * The early panes emitted since the last call (see WindowEngineConfig.maxHeldEvents): the caller
   * writes them like fired panes. In the window's key order (key arrival); numbered in sequence
   * with the key's other panes, so a key that emitted early has its on-time pane at a number above
   * 0. Like everything here, where the bound is crossed depends only on the input sequence (a
   * replay emits the same panes).
   */
  takeEarlyPanes(): FiredPane<Out>[] {
    return this.earlyPanes.take();
  }

  get watermark(): number {
    return this.currentWatermark;
  }

  /**
   * How far the watermark must still rise before the next on-time pane fires (a window not fired
   * yet reaches its max timestamp, end - 1): +Infinity when no such window is open, 0 before the
   * first watermark. Late panes are not counted: they fire at the next rise. A scan of the open windows.
   */
  eventTimeToNextFire(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const w of this.windows.values()) if (!w.fired && w.window.end - 1 < next) next = w.window.end - 1;
    if (next === Number.POSITIVE_INFINITY) return next;
    return this.currentWatermark === START_WATERMARK ? 0 : Math.max(0, next - this.currentWatermark);
  }

  /** Hot path. Returns undefined when the event joined all its windows, else one record per refused window. */
  add(event: E): LateEvent<E>[] | undefined {
    const ts = this.config.timestampOf(event);
    if (!Number.isSafeInteger(ts)) throw new InvalidEventTimestampError(this.config.keyOf(event), ts);
    const single = this.single;
    if (single === undefined) return this.addToAssignedWindows(event, ts);
    const start = single.windowStart(ts);
    let w = this.lastWindow;
    if (w === undefined || w.window.start !== start) {
      const end = single.windowEnd(start);
      w = this.windows.get(start) ?? this.openWindow(start, end);
      if (w === undefined) return [this.late(event, start, end)];
      this.lastWindow = w;
    }
    this.addToWindow(w, undefined, this.slotOf(event), event);
    this.acceptedEvents++;
    if (this.bounded && this.heldEvents > this.config.maxHeldEvents) this.emitEarly();
    return undefined;
  }

  /**
   * Raises the watermark (lower values are ignored: it never moves back) and returns every pane now
   * due, ordered by window end, start, then the order the window's keys first arrived: on-time
   * panes of windows whose max timestamp (end - 1) <= watermark, and late panes for updates since a
   * window fired. Then purges windows whose cleanup time (end - 1 + allowed lateness) <= watermark.
   */
  advanceWatermark(watermark: number): FiredPane<Out>[] {
    const out = new FiredPaneList(this.aggregation);
    this.advanceWatermarkInto(watermark, out);
    return out.panes;
  }

  /**
   * `advanceWatermark`, each pane handed to `collector` with its key's accumulator instead of
   * returned as a FiredPane (same panes, same order); returns how many fired.
   */
  advanceWatermarkInto(watermark: number, collector: PaneCollector<Acc>): number {
    if (typeof watermark !== 'number' || Number.isNaN(watermark)) throw new InvalidWatermarkError(watermark);
    // Clamped so the stored value stays JSON-safe; no window ends beyond MAX_SAFE_INTEGER anyway.
    if (watermark > this.currentWatermark) this.currentWatermark = Math.min(watermark, Number.MAX_SAFE_INTEGER);
    const wm = this.currentWatermark;
    if (wm < this.nextDueAt) return 0;
    const due: WindowState<Acc>[] = [];
    for (const w of this.windows.values()) {
      if (w.fired ? w.pendingLate.length > 0 : w.window.end - 1 <= wm) due.push(w);
    }
    const firedBefore = this.firedPanes;
    due.sort(byWindow);
    for (const w of due) this.fire(w, wm, collector);
    for (const [start, w] of this.windows) {
      if (w.cleanupTime <= wm) {
        this.heldEvents -= w.held; // 0 in discarding mode: its last firing emitted everything
        this.windows.delete(start);
        if (this.lastWindow === w) this.lastWindow = undefined;
      }
    }
    let nextDueAt = Number.POSITIVE_INFINITY;
    for (const w of this.windows.values()) nextDueAt = Math.min(nextDueAt, w.fired ? w.cleanupTime : w.window.end - 1);
    this.nextDueAt = nextDueAt;
    return this.firedPanes - firedBefore;
  }

  /** Whether add() would refuse an event at `timestamp` from every window it belongs to. */
  isLate(timestamp: number): boolean {
    if (this.single !== undefined) return this.isWindowLate(this.single.windowEnd(this.single.windowStart(timestamp)));
    return this.config.assigner.assignWindows(timestamp).every((w) => this.isWindowLate(w.end));
  }

  stats(): WindowEngineStats {
    let retainedWindows = 0;
    let openKeys = 0;
    for (const w of this.windows.values()) {
      if (w.fired) retainedWindows++;
      openKeys += w.size;
    }
    return {
      watermark: this.currentWatermark,
      openWindows: this.windows.size,
      retainedWindows,
      openKeys,
      acceptedEvents: this.acceptedEvents,
      lateEvents: this.lateEvents,
      firedPanes: this.firedPanes,
    };
  }

  snapshot(): WindowEngineSnapshot {
    const counters = { acceptedEvents: this.acceptedEvents, lateEvents: this.lateEvents, firedPanes: this.firedPanes };
    return encodeWindowEngineSnapshot(this.currentWatermark, counters, this.windows.values(), this.aggregation);
  }

  /** Rebuilds an engine from `snapshot()` output (possibly JSON round-tripped). */
  static restore<E, Acc, Out>(config: WindowEngineConfig<E, Acc, Out>, snapshot: unknown): WindowEngine<E, Acc, Out> {
    const engine = new WindowEngine(config);
    const state = decodeWindowEngineSnapshot(snapshot, engine.aggregation, engine.config.allowedLatenessMs);
    engine.currentWatermark = state.watermark;
    engine.acceptedEvents = state.counters.acceptedEvents;
    engine.lateEvents = state.counters.lateEvents;
    engine.firedPanes = state.counters.firedPanes;
    for (const w of state.windows) {
      engine.windows.set(w.window.start, w);
      engine.heldEvents += w.held;
    }
    return engine;
  }

  private slotOf(event: E): number {
    const keySlotOf = this.config.keySlotOf;
    return keySlotOf === undefined ? -1 : keySlotOf(event);
  }

  private slotEpoch(): number {
    const keySlotEpoch = this.config.keySlotEpoch;
    return keySlotEpoch === undefined ? NOT_EXACT : keySlotEpoch();
  }

  /** Flink's WindowOperator.isWindowLate: max timestamp + allowed lateness <= watermark. */
  private isWindowLate(end: number): boolean {
    return end - 1 + this.config.allowedLatenessMs <= this.currentWatermark;
  }

  private openWindow(start: number, end: number): WindowState<Acc> | undefined {
    if (this.isWindowLate(end)) return undefined;
    // Sized like the window of the last event (usually the one before): at 20,000 pages a window
    // holds 100,000+ keys, and growing its slot table by doubling rehashed them all along the way.
    const w = new WindowState<Acc>({ start, end }, end - 1 + this.config.allowedLatenessMs, this.slotEpoch(), this.lastWindow?.size ?? 0);
    this.windows.set(start, w);
    if (end - 1 < this.nextDueAt) this.nextDueAt = end - 1;
    return w;
  }

  /** `key`: the event's key when the caller has it already, else read only if the slot cannot tell. */
  private addToWindow(w: WindowState<Acc>, key: string | undefined, slot: number, event: E): void {
    const epoch = this.slotEpoch();
    let k = w.exactKeyAt(slot, epoch);
    if (k === undefined) {
      key ??= this.config.keyOf(event);
      k = w.keyAt(slot, key, epoch);
    }
    if (k === undefined || k === null) {
      const aggregation = this.aggregation;
      k =
        aggregation.createKeyState !== undefined
          ? aggregation.createKeyState(event, w.size, key)
          : new PlainKeyState<Acc>(key ?? this.config.keyOf(event), aggregation.create(), true, 0, false, 0, w.size);
      w.addKey(k, slot);
    } else if (!k.hasAcc) {
      k.acc = this.aggregation.create();
      k.hasAcc = true;
    }
    k.acc = this.aggregation.add(k.acc as Acc, event);
    if (this.bounded) {
      k.held++;
      w.held++;
      this.heldEvents++;
    }
    if (w.fired && !k.pendingLate) {
      k.pendingLate = true;
      w.pendingLate.push(k);
      this.nextDueAt = Number.NEGATIVE_INFINITY;
    }
  }

  private addToAssignedWindows(event: E, ts: number): LateEvent<E>[] | undefined {
    const key = this.config.keyOf(event);
    const slot = this.slotOf(event);
    let late: LateEvent<E>[] | undefined;
    let joined = false;
    for (const { start, end } of this.config.assigner.assignWindows(ts)) {
      const existing = this.windows.get(start);
      if (existing !== undefined && existing.window.end !== end) throw new WindowAssignerContractError(start, existing.window.end, end);
      const w = existing ?? this.openWindow(start, end);
      if (w === undefined) {
        (late ??= []).push(this.late(event, start, end));
        continue;
      }
      this.addToWindow(w, key, slot, event);
      joined = true;
    }
    if (joined) this.acceptedEvents++;
    if (this.bounded && this.heldEvents > this.config.maxHeldEvents) this.emitEarly();
    return late;
  }

  private late(event: E, start: number, end: number): LateEvent<E> {
    this.lateEvents++;
    return { event, window: { start, end }, reason: 'window_closed', watermark: this.currentWatermark };
  }

  private fire(w: WindowState<Acc>, wm: number, collector: PaneCollector<Acc>): void {
    const isFinal = w.cleanupTime <= wm;
    if (w.fired) w.pendingLate.sort(bySeq);
    this.emit(w, w.fired ? w.pendingLate : w.ordered, isFinal, collector);
    w.fired = true;
  }

  /**
   * Panes for the keys of `keys` that hold an accumulator (a key that emitted early and got nothing
   * since has nothing to say), in the window's key order; in discarding mode their accumulators are
   * then dropped. Why not sorted by key: at 20,000 pages a string sort of every fired window's keys
   * cost ~9% of the aggregator (issue 14). The key order is as deterministic (a function of the
   * record sequence, and restored from snapshots), so a replay still emits the same panes in the
   * same order. `keys` must be in that order: the window's `ordered` is; pending late keys are in
   * update order and are sorted by the callers.
   */
  private emit(w: WindowState<Acc>, keys: KeyState<Acc>[], isFinal: boolean, collector: PaneCollector<Acc>): void {
    const discarding = this.config.accumulationMode === 'discarding';
    let emitted = 0;
    for (const k of keys) {
      k.pendingLate = false; // w.pendingLate is emptied below, skipped keys too
      if (!k.hasAcc) continue;
      collector.collect(k, w.window, k.nextPane++, isFinal, k.acc as Acc);
      emitted++;
      if (discarding) {
        // Later panes carry only what arrives from now on; dropping the reference also frees memory.
        // A key state that is its own accumulator (createKeyState) is emptied instead.
        if ((k.acc as unknown) === k) (this.aggregation.clearAcc as (acc: Acc) => void).call(this.aggregation, k.acc as Acc);
        k.acc = undefined;
        k.hasAcc = false;
      }
      this.heldEvents -= k.held;
      w.held -= k.held;
      k.held = 0;
    }
    this.firedPanes += emitted;
    w.pendingLate.length = 0;
  }

  /**
   * Over the held-events bound: the window holding the most events (the earliest on a tie) emits
   * what its keys hold as early panes, as a late firing would (a fired window: its pending keys).
   * Its keys stay, so later events of the window still update them; only the accumulators go.
   */
  private emitEarly(): void {
    let fullest: WindowState<Acc> | undefined;
    for (const w of this.windows.values()) {
      if (fullest === undefined || w.held > fullest.held || (w.held === fullest.held && w.window.start < fullest.window.start)) fullest = w;
    }
    if (fullest === undefined || fullest.held === 0) return;
    if (fullest.fired) fullest.pendingLate.sort(bySeq);
    // A fired window's pending late panes were due at the next watermark; emitted now, none is left due.
    this.emit(fullest, fullest.fired ? fullest.pendingLate : fullest.ordered, false, this.earlyPanes);
  }
}

/** Collects panes as FiredPane values (the aggregation's result of each accumulator). */
class FiredPaneList<Acc, Out> implements PaneCollector<Acc> {
  panes: FiredPane<Out>[] = [];

  constructor(private readonly aggregation: Pick<Aggregation<unknown, Acc, Out>, 'result'>) {}

  collect(keyState: KeyState<Acc>, window: TimeWindow, pane: number, isFinal: boolean, acc: Acc): void {
    this.panes.push({ key: keyState.key, window, pane, isFinal, measures: this.aggregation.result(acc) });
  }

  take(): FiredPane<Out>[] {
    const panes = this.panes;
    this.panes = [];
    return panes;
  }
}
