import type { SourceId } from './source-id';

/** Mutable per-source bookkeeping; a class so V8 keeps one hidden shape on the hot path. */
export class SourceState {
  constructor(
    readonly id: SourceId,
    /** Max event time seen; before any event, the value whose watermark is MIN_WATERMARK (Flink's trick). */
    public maxEventTs: number,
    public hasEvents: boolean,
    /** Processing time of the last event, or of registration when none yet. */
    public lastActivity: number,
    public idle: boolean,
  ) {}
}
