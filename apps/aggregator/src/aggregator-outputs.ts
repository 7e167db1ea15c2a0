import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseTableWriter } from '@clickstream/sinks';
import type { WriteReport } from '@clickstream/stream-runtime';
import type { AggregatorMetrics } from './aggregator-metrics';
import type { AggregatorOutputs } from './partition/aggregator-task';
import type { LateRow, PaneRow, WatermarkRow } from './partition/output-rows';

/** The ClickHouse tables behind a task's cuts; refused rows go back to the runtime as dead letters. */
export function clickhouseAggregatorOutputs(
  clickhouse: ClickHouseClient,
  topic: string,
  metrics: AggregatorMetrics,
): (partition: number) => AggregatorOutputs {
  const timed = async <Row>(writer: ClickHouseTableWriter<Row>, rows: Row[], token: string, offsetOf?: (row: Row) => string): Promise<WriteReport> => {
    const outcome = await writer.insert(rows, token);
    if (outcome.rows > 0) {
      metrics.insertLatency.observe({ table: writer.table }, outcome.durationMs / 1000);
      metrics.insertRows.observe({ table: writer.table }, outcome.rows);
    }
    return {
      refused: outcome.refused.map((r) => ({ table: writer.table, row: r.row, error: r.error, ...(offsetOf ? { sourceOffset: offsetOf(r.row) } : {}) })),
    };
  };
  return (partition) => {
    const panes = new ClickHouseTableWriter<PaneRow>(clickhouse, {
      table: 'page_minute_agg',
      columns: ['window_start', 'window_end', 'page', 'country', 'source_topic', 'source_partition', 'pane', 'clicks', 'unique_users', 'user_ids'],
      toValues: (r) => [r.windowStart, r.windowEnd, r.page, r.country, topic, partition, r.pane, r.clicks, r.userIds.length, r.userIds],
    });
    const late = new ClickHouseTableWriter<LateRow>(clickhouse, {
      table: 'late_events',
      columns: ['event_id', 'user_id', 'ts', 'page', 'country', 'device', 'window_start', 'watermark', 'reason', 'source_topic', 'source_partition', 'source_offset'],
      toValues: (r) => [r.eventId, r.userId, r.ts, r.page, r.country, r.device, r.windowStart, r.watermark, r.reason, topic, partition, r.offset],
    });
    const watermarks = new ClickHouseTableWriter<WatermarkRow>(clickhouse, {
      table: 'partition_watermarks',
      columns: ['source_topic', 'source_partition', 'watermark'],
      toValues: (r) => [topic, partition, r.watermark],
    });
    return {
      writePanes: (rows, token) => timed(panes, rows, token),
      writeLate: (rows, token) => timed(late, rows, token, (r) => r.offset),
      writeWatermark: (row, token) => timed(watermarks, [row], token),
    };
  };
}
