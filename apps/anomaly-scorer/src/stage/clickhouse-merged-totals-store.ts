import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseTableWriter } from '@clickstream/sinks';
import type { AnomalyRow, MergedTotalsStore, ProgressRow, WindowStartQuery, WindowTotal } from './merged-totals-store';

/** rt.page_minute_agg, rt.partition_watermarks, rt.anomalies and rt.anomaly_scorer_progress for one topic. */
export class ClickHouseMergedTotalsStore implements MergedTotalsStore {
  private readonly anomalies: ClickHouseTableWriter<AnomalyRow>;
  private readonly progress: ClickHouseTableWriter<ProgressRow>;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly topic: string,
  ) {
    this.anomalies = new ClickHouseTableWriter<AnomalyRow>(client, {
      table: 'anomalies',
      columns: ['window_start', 'window_end', 'page', 'country', 'level', 'kind', 'observed', 'baseline', 'score', 'history_size', 'source_topic'],
      toValues: (r) => [r.windowStart, r.windowEnd, r.page, r.country, r.level, r.kind, r.observed, r.baseline, r.score, r.historySize, topic],
    });
    this.progress = new ClickHouseTableWriter<ProgressRow>(client, {
      table: 'anomaly_scorer_progress',
      columns: ['source_topic', 'window_start', 'keys_scored', 'anomalies'],
      toValues: (r) => [topic, r.windowStart, r.keysScored, r.anomalies],
    });
  }

  async partitionWatermarks(): Promise<Map<number, number>> {
    const rows = await this.rows<{ partition: number; watermark: string }>(
      `SELECT source_partition AS partition, toString(toUnixTimestamp64Milli(max(watermark))) AS watermark
       FROM partition_watermarks WHERE source_topic = {topic:String} GROUP BY source_partition`,
    );
    return new Map(rows.map((r) => [Number(r.partition), Number(r.watermark)]));
  }

  async lastScoredWindow(): Promise<number | undefined> {
    const rows = await this.rows<{ last: string; n: string }>(
      `SELECT toString(toUnixTimestamp64Milli(max(window_start))) AS last, toString(count()) AS n
       FROM anomaly_scorer_progress WHERE source_topic = {topic:String}`,
    );
    const row = rows[0];
    return row && Number(row.n) > 0 ? Number(row.last) : undefined;
  }

  async windowStarts(q: WindowStartQuery): Promise<number[]> {
    const conditions = ['source_topic = {topic:String}'];
    if (q.after !== undefined) conditions.push('window_start > fromUnixTimestamp64Milli({after:Int64})');
    if (q.atOrBefore !== undefined) conditions.push('window_start <= fromUnixTimestamp64Milli({atOrBefore:Int64})');
    if (q.maxEnd !== undefined) conditions.push('window_end <= fromUnixTimestamp64Milli({maxEnd:Int64})');
    const rows = await this.rows<{ w: string }>(
      `SELECT DISTINCT toString(toUnixTimestamp64Milli(window_start)) AS w FROM page_minute_agg
       WHERE ${conditions.join(' AND ')}
       ORDER BY toInt64(w) ${q.order === 'oldest' ? 'ASC' : 'DESC'} LIMIT {limit:UInt32}`,
      { after: q.after, atOrBefore: q.atOrBefore, maxEnd: q.maxEnd, limit: q.limit },
    );
    return rows.map((r) => Number(r.w));
  }

  async totals(from: number, to: number): Promise<WindowTotal[]> {
    const rows = await this.rows<{ s: string; e: string; page: string; country: string; clicks: string }>(
      `SELECT toString(toUnixTimestamp64Milli(window_start)) AS s, toString(toUnixTimestamp64Milli(any(window_end))) AS e,
              page, country, toString(sum(clicks)) AS clicks
       FROM page_minute_agg
       WHERE source_topic = {topic:String}
         AND window_start >= fromUnixTimestamp64Milli({from:Int64}) AND window_start <= fromUnixTimestamp64Milli({to:Int64})
       GROUP BY window_start, page, country ORDER BY window_start, page, country`,
      { from, to },
    );
    return rows.map((r) => ({ windowStart: Number(r.s), windowEnd: Number(r.e), page: r.page, country: r.country, clicks: Number(r.clicks) }));
  }

  async writeAnomalies(rows: readonly AnomalyRow[], token: string): Promise<void> {
    await this.anomalies.insert(rows, token);
  }

  async writeProgress(row: ProgressRow, token: string): Promise<void> {
    await this.progress.insert([row], token);
  }

  private async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const result = await this.client.query({ query, format: 'JSONEachRow', query_params: { topic: this.topic, ...defined } });
    return result.json<T>();
  }
}
