import { ZScoreAnomalyDetector, type AnomalyDetectorConfig, type AnomalyDetectorSnapshot } from '@clickstream/anomaly';
import { InterningClickEventDecoder, type ClickEvent } from '@clickstream/event-schema';
import type { DeadLetter } from '@clickstream/kafka';
import { deadLetterOf, type ConsumedRecord, type PartitionTask, type TaskCut } from '@clickstream/stream-runtime';
import { WatermarkTracker, type WatermarkTrackerConfig } from '@clickstream/watermark';
import { WindowEngine, type FiredPane } from '@clickstream/window-engine';
import { clickUserIds, clickWindowEngineConfig, splitWindowKey, type ClickAggregation, type ClickWindowEngine } from '@clickstream/click-windows';
import type { AnomalyRow, LateRow, PaneRow } from './output-rows';

export interface AggregatorTaskSettings {
  readonly topic: string;
  readonly partition: number;
  readonly windowSizeMs: number;
  readonly outOfOrdernessMs: number;
  readonly allowedLatenessMs: number;
  readonly maxBufferedRows: number;
  readonly anomaly: AnomalyDetectorConfig;
}

/** Where a cut's output goes; each function is idempotent under the token it is given. */
export interface AggregatorOutputs {
  writePanes(rows: PaneRow[], token: string): Promise<unknown>;
  writeLate(rows: LateRow[], token: string): Promise<unknown>;
  writeAnomalies(rows: AnomalyRow[], token: string): Promise<unknown>;
  publishDeadLetters(letters: DeadLetter[]): Promise<unknown>;
}

/** Counters the task reports to; the app binds them to Prometheus. */
export interface AggregatorTaskObserver {
  accepted(): void;
  rejected(reason: string): void;
  late(count: number): void;
  fired(panes: number): void;
  anomaly(): void;
  watermark(partition: number, watermark: number): void;
}

/** How long a key's anomaly history survives without a window of its own. */
const ANOMALY_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Schema version of the serialized state; savepoints of another version are refused. */
export const AGGREGATOR_STATE_VERSION = 1;

interface AggregatorState {
  readonly v: typeof AGGREGATOR_STATE_VERSION;
  readonly watermark: unknown;
  readonly engine: unknown;
  readonly anomaly: unknown;
}

/**
 * One Kafka partition of the aggregator: decode, per-partition watermark, windows, anomalies.
 * Everything here is a function of the partition's record sequence (event time and Kafka record
 * timestamps, never the wall clock), so a replay from a checkpoint reproduces the same panes,
 * late rows and anomalies: the premise of the exactly-once flush.
 */
export class AggregatorTask implements PartitionTask {
  private readonly tracker: WatermarkTracker;
  private readonly engine: ClickWindowEngine;
  private readonly detector: ZScoreAnomalyDetector;
  private panes: PaneRow[] = [];
  private late: LateRow[] = [];
  private anomalies: AnomalyRow[] = [];
  private letters: DeadLetter[] = [];
  private firedSinceCut = false;
  private recordTimestamp = 0;
  /** Interns user ids into the engine's dictionaries: the unique-user count needs no string lookup. */
  private readonly decoder = new InterningClickEventDecoder(clickUserIds, { now: () => this.recordTimestamp });

  constructor(
    private readonly settings: AggregatorTaskSettings,
    private readonly outputs: AggregatorOutputs,
    private readonly observer: AggregatorTaskObserver,
    state: string | undefined,
  ) {
    const watermarkConfig: WatermarkTrackerConfig = { outOfOrdernessMs: settings.outOfOrdernessMs };
    const engineConfig = clickWindowEngineConfig(settings.windowSizeMs, settings.allowedLatenessMs);
    if (state === undefined || state === '') {
      this.tracker = new WatermarkTracker(watermarkConfig);
      this.tracker.addSource(settings.partition, 0);
      this.engine = new WindowEngine(engineConfig) as ClickWindowEngine;
      this.detector = new ZScoreAnomalyDetector(settings.anomaly);
    } else {
      const parsed = JSON.parse(state) as AggregatorState;
      this.tracker = WatermarkTracker.restore(watermarkConfig, parsed.watermark);
      this.engine = WindowEngine.restore(engineConfig, parsed.engine) as ClickWindowEngine;
      this.detector = ZScoreAnomalyDetector.restore(settings.anomaly, parsed.anomaly as AnomalyDetectorSnapshot);
    }
  }

  process(record: ConsumedRecord): void {
    this.recordTimestamp = record.timestamp;
    const event = this.decoder.decodeTransient(record.value);
    if (!event.ok) {
      this.observer.rejected(event.reason);
      this.letters.push(deadLetterOf(this.settings.topic, record, event.reason, event.detail));
      return;
    }
    this.observer.accepted();
    const late = this.engine.add(event);
    if (late) {
      for (const l of late) this.late.push(lateRow(l.event, l.window.start, l.watermark, l.reason, record.offset));
      this.observer.late(late.length);
    }
    // The record timestamp stands in for processing time: idleness is off per partition, and the
    // watermark must not depend on when a replay happens.
    this.tracker.observe(this.settings.partition, event.ts, record.timestamp);
    const watermark = this.tracker.watermark;
    if (watermark > this.engine.watermark) {
      const fired = this.engine.advanceWatermark(watermark);
      if (fired.length > 0) this.onFired(fired);
      this.observer.watermark(this.settings.partition, watermark);
    }
  }

  wantsFlush(): boolean {
    return this.firedSinceCut || this.bufferedRows() >= this.settings.maxBufferedRows;
  }

  hasOutput(): boolean {
    return this.bufferedRows() > 0;
  }

  cut(): TaskCut {
    const { panes, late, anomalies, letters } = this;
    this.panes = [];
    this.late = [];
    this.anomalies = [];
    this.letters = [];
    this.firedSinceCut = false;
    const state: AggregatorState = {
      v: AGGREGATOR_STATE_VERSION,
      watermark: this.tracker.snapshot(),
      engine: this.engine.snapshot(),
      anomaly: this.detector.snapshot(),
    };
    return {
      state: JSON.stringify(state),
      rows: panes.length + late.length + anomalies.length + letters.length,
      writes: [
        (token) => this.outputs.writePanes(panes, `${token}:page_minute_agg`),
        (token) => this.outputs.writeLate(late, `${token}:late_events`),
        (token) => this.outputs.writeAnomalies(anomalies, `${token}:anomalies`),
        () => this.outputs.publishDeadLetters(letters),
      ],
    };
  }

  private onFired(fired: FiredPane<ReturnType<ClickAggregation['result']>>[]): void {
    this.firedSinceCut = true;
    // Keys silent for a day (pages removed, countries gone quiet) leave the history: bounded memory.
    const first = fired[0];
    if (first) this.detector.evictBefore(first.window.start - ANOMALY_KEY_RETENTION_MS);
    this.observer.fired(fired.length);
    for (const f of fired) {
      const { page, country } = splitWindowKey(f.key);
      const { clicks, users } = f.measures;
      this.panes.push({ windowStart: f.window.start, windowEnd: f.window.end, page, country, pane: f.pane, clicks, userIds: users.ids });
      // Only on-time panes feed the history: late panes are corrections, not new observations.
      if (f.pane !== 0) continue;
      const anomaly = this.detector.observe(f.key, f.window.start, clicks);
      if (anomaly) {
        this.observer.anomaly();
        this.anomalies.push({
          windowStart: f.window.start,
          page,
          country,
          value: anomaly.value,
          mean: anomaly.mean,
          stddev: anomaly.stddev,
          z: anomaly.z,
          historySize: anomaly.historySize,
        });
      }
    }
  }

  private bufferedRows(): number {
    return this.panes.length + this.late.length + this.anomalies.length + this.letters.length;
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
