import { InterningClickEventDecoder, type ClickEvent } from '@clickstream/event-schema';
import { ACCEPTED, type ConsumedRecord, type PartitionTask, type RecordOutcome, type TaskCut, type WriteReport } from '@clickstream/stream-runtime';
import { WatermarkTracker, type WatermarkTrackerConfig } from '@clickstream/watermark';
import { WindowEngine, type FiredPane, type KeyState, type PaneCollector, type TimeWindow } from '@clickstream/window-engine';
import {
  ClickKeyState,
  clickUserIds,
  clickWindowEngineConfig,
  clickWindowKeys,
  windowKeySeparatorAt,
  type ClickAccumulator,
  type ClickAggregation,
  type ClickWindowEngine,
} from '@clickstream/click-windows';
import type { LateRow, WatermarkRow } from './output-rows';
import { PageMinuteAggBlock } from './page-minute-agg-block';

export interface AggregatorTaskSettings {
  readonly topic: string;
  readonly partition: number;
  readonly windowSizeMs: number;
  readonly outOfOrdernessMs: number;
  readonly allowedLatenessMs: number;
  readonly maxBufferedRows: number;
  /** Early partials of the fullest window beyond this many held events (WindowEngineConfig.maxHeldEvents). */
  readonly maxHeldEvents: number;
  /** How far ts may lead the record timestamp before it is ts_in_future. */
  readonly maxFutureSkewMs: number;
  /** How far one event may move the watermark past its record timestamp (broker time). */
  readonly watermarkMaxLeadMs: number;
  /** Older than this vs the record timestamp: beyond_retention (as in the raw sink). */
  readonly maxEventAgeMs: number;
}

/** Where a cut's output goes; each function is idempotent under the token it is given and reports refused rows. */
export interface AggregatorOutputs {
  writePanes(block: PageMinuteAggBlock, token: string): Promise<WriteReport>;
  writeLate(rows: LateRow[], token: string): Promise<WriteReport>;
  /** Must be called only after the cut's panes landed: the row vouches for them (see cut()). */
  writeWatermark(row: WatermarkRow, token: string): Promise<WriteReport>;
}

/** Counters the task reports to; the app binds them to Prometheus. */
export interface AggregatorTaskObserver {
  accepted(): void;
  late(count: number): void;
  fired(panes: number): void;
  watermark(partition: number, watermark: number): void;
}

/**
 * Schema version of the serialized state this build writes. 2: the engine's snapshot writes each
 * user id once (format clickstream.window-engine.v2); 3: a window's accumulators as columns
 * (clickstream.window-engine.v3). An older build cannot read it, so a savepoint of it is refused
 * there instead of failing at restore.
 */
export const AGGREGATOR_STATE_VERSION = 3;
/** The versions this build restores: 1 and 2 differ only in the engine's snapshot format, which it still reads. */
export const AGGREGATOR_STATE_VERSIONS_READ: readonly number[] = [1, 2, 3];

interface AggregatorState {
  readonly v: number;
  readonly watermark: unknown;
  readonly engine: unknown;
  /** The watermark the last cut published (rt.partition_watermarks); absent in older checkpoints. */
  readonly published?: number;
}

/**
 * One Kafka partition of the aggregator: decode, per-partition watermark, windows, and the
 * partition's watermark published for the anomaly scorer, which scores merged totals.
 * Everything here is a function of the partition's record sequence (event time and Kafka record
 * timestamps, never the wall clock), so a replay from a checkpoint reproduces the same panes,
 * late rows and watermark rows: the premise of the exactly-once flush.
 */
export class AggregatorTask implements PartitionTask, PaneCollector<ClickAccumulator> {
  private readonly tracker: WatermarkTracker;
  private readonly engine: ClickWindowEngine;
  /** Fired panes since the last cut, already encoded as their insert's lines. */
  private panes: PageMinuteAggBlock;
  private late: LateRow[] = [];
  private publishedWatermark = Number.NEGATIVE_INFINITY;
  private firedSinceCut = false;
  private recordTimestamp = 0;
  /** Interns user ids into the engine's dictionaries and finds the window key from the bytes: no string lookup per event. */
  private readonly decoder: InterningClickEventDecoder;

  constructor(
    private readonly settings: AggregatorTaskSettings,
    private readonly outputs: AggregatorOutputs,
    private readonly observer: AggregatorTaskObserver,
    state: string | undefined,
  ) {
    this.panes = new PageMinuteAggBlock(settings.topic, settings.partition);
    this.decoder = new InterningClickEventDecoder(clickUserIds, {
      now: () => this.recordTimestamp,
      maxFutureSkewMs: settings.maxFutureSkewMs,
      maxEventAgeMs: settings.maxEventAgeMs,
    }, clickWindowKeys);
    // Not a snapshot field: the bound applies from now on, also to restored state.
    const watermarkConfig: WatermarkTrackerConfig = { outOfOrdernessMs: settings.outOfOrdernessMs, maxLeadMs: settings.watermarkMaxLeadMs };
    const engineConfig = clickWindowEngineConfig(settings.windowSizeMs, settings.allowedLatenessMs, settings.maxHeldEvents);
    if (state === undefined || state === '') {
      this.tracker = new WatermarkTracker(watermarkConfig);
      this.tracker.addSource(settings.partition, 0);
      this.engine = new WindowEngine(engineConfig) as ClickWindowEngine;
    } else {
      const parsed = JSON.parse(state) as AggregatorState;
      this.tracker = WatermarkTracker.restore(watermarkConfig, parsed.watermark);
      this.engine = WindowEngine.restore(engineConfig, parsed.engine) as ClickWindowEngine;
      // Checkpoints from before the scorer carried an `anomaly` field: ignored.
      if (typeof parsed.published === 'number') this.publishedWatermark = parsed.published;
    }
  }

  process(record: ConsumedRecord): RecordOutcome {
    this.recordTimestamp = record.timestamp;
    // The value read where it was fetched when the runtime has its bytes (no Buffer view per record).
    const bytes = record.valueBytes;
    const event =
      bytes === undefined || bytes === null
        ? this.decoder.decodeTransient(record.value)
        : this.decoder.decodeTransientRange(bytes, record.valueStart as number, record.valueEnd as number);
    if (!event.ok) return event;
    this.observer.accepted();
    const late = this.engine.add(event);
    // Over the state bound: the fullest window's partials go out now, like fired panes.
    if (this.engine.hasEarlyPanes) this.onEarlyPanes(this.engine.takeEarlyPanes());
    if (late) {
      for (const l of late) this.late.push(lateRow(l.event, l.window.start, l.watermark, l.reason, record.offset));
      this.observer.late(late.length);
    }
    // The record timestamp stands in for processing time: idleness is off per partition, and the
    // watermark must not depend on when a replay happens.
    this.tracker.observe(this.settings.partition, event.ts, record.timestamp);
    const watermark = this.tracker.watermark;
    if (watermark > this.engine.watermark) {
      this.noteFired(this.engine.advanceWatermarkInto(watermark, this));
      this.observer.watermark(this.settings.partition, watermark);
    }
    return ACCEPTED;
  }

  wantsFlush(): boolean {
    return this.firedSinceCut || this.bufferedRows() >= this.settings.maxBufferedRows;
  }

  hasOutput(): boolean {
    return this.bufferedRows() > 0;
  }

  eventTimeToNextFire(): number {
    return this.engine.eventTimeToNextFire();
  }

  cut(): TaskCut {
    const { panes, late } = this;
    // Sized like the last block, so a steady flow does not regrow it.
    this.panes = new PageMinuteAggBlock(this.settings.topic, this.settings.partition, panes.byteLength + (panes.byteLength >> 2));
    this.late = [];
    this.firedSinceCut = false;
    // Publish the watermark when it closed another window for good (one row per partition and
    // window, not per flush): the scorer needs every partition's progress to know a window's merged
    // total is final. Decided from checkpointed state only, so a replay of this range makes the
    // same row under the same token.
    const watermark = this.tracker.watermark;
    const publish = Number.isFinite(watermark) && this.closedWindows(watermark) > this.closedWindows(this.publishedWatermark);
    if (publish) this.publishedWatermark = watermark;
    const state: AggregatorState = {
      v: AGGREGATOR_STATE_VERSION,
      watermark: this.tracker.snapshot(),
      engine: this.engine.snapshot(),
      ...(Number.isFinite(this.publishedWatermark) ? { published: this.publishedWatermark } : {}),
    };
    return {
      state: JSON.stringify(state),
      rows: panes.rowCount + late.length,
      writes: [
        // The watermark row only after the panes landed: a row in rt.partition_watermarks proves
        // the partition's panes of every window it closes are in rt.page_minute_agg.
        async (token) => {
          const written = await this.outputs.writePanes(panes, `${token}:page_minute_agg`);
          if (!publish) return written;
          const vouched = await this.outputs.writeWatermark({ watermark }, `${token}:partition_watermarks`);
          return { refused: [...written.refused, ...vouched.refused] };
        },
        (token) => this.outputs.writeLate(late, `${token}:late_events`),
      ],
    };
  }

  /** A pane as it fires (PaneCollector): its row written from the key state and accumulator in place. */
  collect(k: KeyState<ClickAccumulator>, window: TimeWindow, pane: number, _isFinal: boolean, acc: ClickAccumulator): void {
    acc.compact();
    // Key states made by the engine are ClickKeyStates; restored ones (PlainKeyState) have a key string only.
    const page = (k as Partial<ClickKeyState>).page;
    if (page !== undefined) {
      this.panes.appendPageCountry(window.start, window.end, page, (k as ClickKeyState).country, pane, acc.clicks, acc.dictionary, acc.unique, acc);
    } else {
      const key = k.key;
      this.panes.appendSplitKey(window.start, window.end, key, windowKeySeparatorAt(key), pane, acc.clicks, acc.dictionary, acc.unique, acc);
    }
  }

  /** Early panes (over the held-events bound), written like fired ones. */
  private onEarlyPanes(panes: FiredPane<ReturnType<ClickAggregation['result']>>[]): void {
    this.noteFired(panes.length);
    for (const f of panes) {
      const { clicks, users } = f.measures;
      this.panes.appendSplitKey(f.window.start, f.window.end, f.key, windowKeySeparatorAt(f.key), f.pane, clicks, users.dictionary, users.count, users);
    }
  }

  /** `count` panes were written since the last cut (fired, or early under the state bound). */
  private noteFired(count: number): void {
    if (count === 0) return;
    this.firedSinceCut = true;
    this.observer.fired(count);
  }

  /** How many (epoch-aligned, tumbling) windows a watermark has closed for good, lateness included. */
  private closedWindows(watermark: number): number {
    if (!Number.isFinite(watermark)) return Number.NEGATIVE_INFINITY;
    return Math.floor((watermark + 1 - this.settings.allowedLatenessMs) / this.settings.windowSizeMs);
  }

  private bufferedRows(): number {
    return this.panes.rowCount + this.late.length;
  }
}

function lateRow(e: ClickEvent, windowStart: number, watermark: number, reason: string, offset: string): LateRow {
  return {
    eventId: e.event_id,
    userId: e.user_id,
    ts: e.ts,
    page: e.page,
    country: e.country,
    device: e.device,
    windowStart,
    watermark,
    reason,
    offset,
  };
}
