import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseEncodedRowsWriter, ClickHouseTableWriter } from '@clickstream/sinks';
import type { WriteReport } from '@clickstream/stream-runtime';
import type { AggregatorMetrics } from './aggregator-metrics';
import type { AggregatorOutputs } from './partition/aggregator-task';
import type { LateRow, WatermarkRow } from './partition/output-rows';
import { PAGE_MINUTE_AGG_COLUMNS } from './partition/page-minute-agg-block';

/** The ClickHouse tables behind a task's cuts; refused rows go back to the runtime as dead letters. */
export function clickhouseAggregatorOutputs(
  clickhouse: ClickHouseClient,
  topic: string,
  metrics: AggregatorMetrics,
): (partition: number) => AggregatorOutputs {
  const observe = (table: string, outcome: { rows: number; durationMs: number }): void => {
    if (outcome.rows === 0) return;
    metrics.insertLatency.observe({ table }, outcome.durationMs / 1000);
    metrics.insertRows.observe({ table }, outcome.rows);
  };
  const timed = async <Row>(writer: ClickHouseTableWriter<Row>, rows: Row[], token: string, offsetOf?: (row: Row) => string): Promise<WriteReport> => {
    const outcome = await writer.insert(rows, token);
    observe(writer.table, outcome);
    return {
      refused: outcome.refused.map((r) => ({ table: writer.table, row: r.row, error: r.error, ...(offsetOf ? { sourceOffset: offsetOf(r.row) } : {}) })),
    };
  };
  return (partition) => {
    // Pane rows arrive encoded (PageMinuteAggBlock): same tokens, same bisection of refused rows.
    const panes = new ClickHouseEncodedRowsWriter(clickhouse, { table: 'page_minute_agg', columns: PAGE_MINUTE_AGG_COLUMNS, format: 'JSONCompactEachRow' });
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
      writePanes: async (block, token) => {
        const outcome = await panes.insert(block, token);
        observe(panes.table, outcome);
        return { refused: outcome.refused.map((r) => ({ table: panes.table, row: block.rowAt(r.index), error: r.error })) };
      },
      writeLate: (rows, token) => timed(late, rows, token, (r) => r.offset),
      writeWatermark: (row, token) => timed(watermarks, [row], token),
    };
  };
}
