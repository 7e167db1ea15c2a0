import type { SourceId } from '../tracker/source-id';

export const WATERMARK_SNAPSHOT_FORMAT = 'clickstream.watermark.v1';

/**
 * The full tracker state as plain JSON. Sources are columnar (parallel arrays) to stay small.
 * `null` means "never happened", because -Infinity and sentinels do not survive a config change.
 */
export interface WatermarkSnapshot {
  readonly format: typeof WATERMARK_SNAPSHOT_FORMAT;
  readonly watermark: number;
  readonly maxEventTs: number | null;
  readonly lastEventAt: number | null;
  readonly processingTime: number | null;
  readonly sources: {
    readonly ids: SourceId[];
    readonly maxEventTs: (number | null)[];
    readonly lastActivity: number[];
    readonly idle: boolean[];
  };
}
