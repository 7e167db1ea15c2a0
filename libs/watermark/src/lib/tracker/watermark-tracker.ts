import { MIN_WATERMARK } from '../bounds/watermark-bounds';
import { resolveWatermarkConfig } from '../config/resolve-watermark-config';
import type { ResolvedWatermarkConfig, WatermarkTrackerConfig } from '../config/watermark-tracker-config';
import { InvalidEventTimeError } from '../errors/invalid-event-time-error';
import { InvalidProcessingTimeError } from '../errors/invalid-processing-time-error';
import { parseWatermarkSnapshot } from '../snapshot/parse-watermark-snapshot';
import { WATERMARK_SNAPSHOT_FORMAT, type WatermarkSnapshot } from '../snapshot/watermark-snapshot';
import type { SourceId } from './source-id';
import { SourceState } from './source-state';

const NEVER = Number.NEGATIVE_INFINITY;

/**
 * Event-time watermark over several sources (Kafka partitions).
 *
 * Per source: max event time seen - outOfOrdernessMs - 1 (Flink's BoundedOutOfOrdernessWatermarks).
 * Combined: min over active (non-idle) sources, never moving backwards. Processing time is always
 * passed in; the tracker reads no clock.
 */
export class WatermarkTracker {
  private readonly config: ResolvedWatermarkConfig;
  /** maxEventTs of a source without events: its watermark is then exactly MIN_WATERMARK. */
  private readonly noEventsMaxTs: number;
  private readonly sources = new Map<SourceId, SourceState>();
  private combined = MIN_WATERMARK;
  /** Active source that held the min at the last recompute; only its progress can raise the min. */
  private minHolder: SourceState | undefined;
  private minStale = false;
  private maxEventTs: number;
  private lastEventAt = NEVER;
  private processingTime = NEVER;

  constructor(config: WatermarkTrackerConfig = {}) {
    this.config = resolveWatermarkConfig(config);
    this.noEventsMaxTs = MIN_WATERMARK + this.config.outOfOrdernessMs + 1;
    this.maxEventTs = this.noEventsMaxTs;
  }

  /** Hot path: O(1) amortised; the min is recomputed lazily and only when it may have moved. */
  observe(source: SourceId, eventTs: number, processingTime: number): void {
    if (!Number.isSafeInteger(eventTs)) throw new InvalidEventTimeError(source, eventTs);
    const now = this.advanceProcessingTime('observe', processingTime);
    const maxLead = this.config.maxLeadMs;
    if (maxLead !== undefined && eventTs > now + maxLead) eventTs = now + maxLead;
    let s = this.sources.get(source);
    if (s === undefined) s = this.register(source, now);
    s.lastActivity = now;
    this.lastEventAt = now;
    s.hasEvents = true;
    if (s.idle) {
      s.idle = false;
      this.minStale = true;
    }
    if (eventTs > s.maxEventTs) {
      s.maxEventTs = eventTs;
      if (eventTs > this.maxEventTs) this.maxEventTs = eventTs;
      if (s === this.minHolder) this.minStale = true;
    }
  }

  /** Applies idleness and quiet-stream advance at `processingTime`, then returns the combined watermark. */
  currentWatermark(processingTime: number): number {
    const now = this.advanceProcessingTime('currentWatermark', processingTime);
    const idleTimeout = this.config.idleTimeoutMs;
    if (idleTimeout !== undefined) {
      // Progress made while a source was still active counts, however late the caller reads.
      if (this.minStale) this.recomputeMin();
      for (const s of this.sources.values()) {
        if (!s.idle && now - s.lastActivity >= idleTimeout) {
          s.idle = true;
          this.minStale = true;
        }
      }
    }
    const quietAfter = this.config.quietAfterMs;
    if (quietAfter !== undefined && this.lastEventAt !== NEVER && now - this.lastEventAt >= quietAfter) {
      // Extrapolate event time with processing time since the last event: a backfill that goes quiet
      // does not leap to the wall clock, yet the last window still closes.
      const quietFor = Math.floor(now - this.lastEventAt);
      this.raiseTo(this.maxEventTs + quietFor - this.config.outOfOrdernessMs - 1);
    }
    return this.watermark;
  }

  /** The combined watermark as of the last processing-time evaluation (no idleness applied here). */
  get watermark(): number {
    if (this.minStale) this.recomputeMin();
    return this.combined;
  }

  /** True when an event at `eventTs` is at or behind the watermark (Flink: watermark T = "no more <= T"). */
  isBehindWatermark(eventTs: number): boolean {
    return eventTs <= this.watermark;
  }

  /** Registers a newly assigned partition; until it speaks or turns idle it holds the watermark at its level. */
  addSource(source: SourceId, processingTime: number): void {
    const now = this.advanceProcessingTime('addSource', processingTime);
    if (!this.sources.has(source)) this.register(source, now);
  }

  /** Forgets a revoked partition; returns whether it was known. */
  removeSource(source: SourceId): boolean {
    const s = this.sources.get(source);
    if (s === undefined) return false;
    this.sources.delete(source);
    if (s === this.minHolder) this.minHolder = undefined;
    this.minStale = true;
    return true;
  }

  /** The source's own watermark, or undefined when the source is unknown. */
  sourceWatermark(source: SourceId): number | undefined {
    const s = this.sources.get(source);
    return s === undefined ? undefined : s.maxEventTs - this.config.outOfOrdernessMs - 1;
  }

  activeSources(): SourceId[] {
    return [...this.sources.values()].filter((s) => !s.idle).map((s) => s.id);
  }

  idleSources(): SourceId[] {
    return [...this.sources.values()].filter((s) => s.idle).map((s) => s.id);
  }

  snapshot(): WatermarkSnapshot {
    const all = [...this.sources.values()];
    return {
      format: WATERMARK_SNAPSHOT_FORMAT,
      // The raw value, not the getter: taking a snapshot must not count as a read (reads fold in the min).
      watermark: this.combined,
      maxEventTs: this.maxEventTs === this.noEventsMaxTs ? null : this.maxEventTs,
      lastEventAt: this.lastEventAt === NEVER ? null : this.lastEventAt,
      processingTime: this.processingTime === NEVER ? null : this.processingTime,
      sources: {
        ids: all.map((s) => s.id),
        maxEventTs: all.map((s) => (s.hasEvents ? s.maxEventTs : null)),
        lastActivity: all.map((s) => s.lastActivity),
        idle: all.map((s) => s.idle),
      },
    };
  }

  /** Rebuilds a tracker from `snapshot()` output (possibly JSON round-tripped); the config may differ. */
  static restore(config: WatermarkTrackerConfig, snapshot: unknown): WatermarkTracker {
    const snap = parseWatermarkSnapshot(snapshot);
    const t = new WatermarkTracker(config);
    t.combined = snap.watermark;
    t.maxEventTs = snap.maxEventTs ?? t.noEventsMaxTs;
    t.lastEventAt = snap.lastEventAt ?? NEVER;
    t.processingTime = snap.processingTime ?? NEVER;
    const { ids, maxEventTs, lastActivity, idle } = snap.sources;
    ids.forEach((id, i) => {
      const max = maxEventTs[i] ?? null;
      t.sources.set(id, new SourceState(id, max ?? t.noEventsMaxTs, max !== null, lastActivity[i] ?? 0, idle[i] ?? false));
    });
    t.minStale = true;
    return t;
  }

  private register(source: SourceId, now: number): SourceState {
    const s = new SourceState(source, this.noEventsMaxTs, false, now, false);
    this.sources.set(source, s);
    this.minStale = true;
    return s;
  }

  /** Processing time is treated as a monotonic clock: a smaller value than already seen counts as "no time passed". */
  private advanceProcessingTime(operation: string, processingTime: number): number {
    if (!Number.isFinite(processingTime)) throw new InvalidProcessingTimeError(operation, processingTime);
    if (processingTime > this.processingTime) this.processingTime = processingTime;
    return this.processingTime;
  }

  private recomputeMin(): void {
    let holder: SourceState | undefined;
    for (const s of this.sources.values()) {
      if (!s.idle && (holder === undefined || s.maxEventTs < holder.maxEventTs)) holder = s;
    }
    this.minHolder = holder;
    this.minStale = false;
    // With every source idle nothing holds the watermark, but nothing pushes it either (as in Flink).
    if (holder !== undefined) this.raiseTo(holder.maxEventTs - this.config.outOfOrdernessMs - 1);
  }

  private raiseTo(candidate: number): void {
    if (candidate > this.combined) this.combined = candidate;
  }
}
