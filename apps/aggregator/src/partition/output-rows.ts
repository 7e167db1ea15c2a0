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

/** A window whose click count stood out from the key's history (table anomalies). */
export interface AnomalyRow {
  readonly windowStart: number;
  readonly page: string;
  readonly country: string;
  readonly value: number;
  readonly mean: number;
  readonly stddev: number;
  readonly z: number;
  readonly historySize: number;
}
