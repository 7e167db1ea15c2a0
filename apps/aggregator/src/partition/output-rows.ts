/** One partition's contribution to one window and key, for one pane (table page_minute_agg). */
export interface PaneRow {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly page: string;
  readonly country: string;
  readonly pane: number;
  readonly clicks: number;
  readonly userIds: readonly string[];
}

/** An event that arrived after its window closed (table late_events). */
export interface LateRow {
  readonly eventId: string;
  readonly userId: string;
  readonly ts: number;
  readonly page: string;
  readonly country: string;
  readonly device: string;
  readonly windowStart: number;
  readonly watermark: number;
  readonly reason: string;
  readonly offset: string;
}

/**
 * The partition's watermark after a flush (table partition_watermarks), written after the flush's
 * panes: every window with end - 1 + allowed lateness <= watermark has all its panes from this
 * partition in page_minute_agg. The anomaly scorer waits for every partition's row.
 */
export interface WatermarkRow {
  readonly watermark: number;
}
