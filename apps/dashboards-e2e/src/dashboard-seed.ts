import type { ClickHouseClient } from '@clickhouse/client';

/** Known rows for one test run, under pages no real traffic has: /e2e-<run>/<name>. */
export interface SeededRun {
  prefix: string;
  /** Clicks per page as the seed wrote them (all partials, panes and minutes of the last hour). */
  expectedClicks: Map<string, number>;
  countries: string[];
  devices: string[];
}

const TABLES_WITH_PAGE = ['page_minute_agg', 'page_hour_agg', 'page_totals_minute_agg', 'clicks_raw', 'late_events', 'anomalies'];

/** ClickHouse DateTime64(3) text in UTC. */
const chTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/**
 * Seeds every table the dashboard reads: window partials (several source partitions, an on-time
 * pane and a late pane, two minutes) so that page_minute's sum matters, raw clicks in several
 * countries and devices, late events and an anomaly. Totals are in the millions so the seeded pages
 * lead "Top pages" whatever else the stack holds.
 */
export async function seedDashboardRows(client: ClickHouseClient, run: string): Promise<SeededRun> {
  const prefix = `/e2e-${run}/`;
  const minute = Math.floor((Date.now() - 5 * 60_000) / 60_000) * 60_000;
  const partials: Record<string, number[][]> = {
    // per page: per minute offset, the clicks of each partial (partition 0..n, last one a late pane)
    checkout: [[4_000_001, 3_000_002, 2_000_003, 17], [1_000_004]],
    pricing: [[3_500_000, 2_500_011], [900_001, 99]],
    home: [[2_000_000, 1_999_999, 7]],
  };
  const aggRows: Record<string, unknown>[] = [];
  const expectedClicks = new Map<string, number>();
  for (const [name, minutes] of Object.entries(partials)) {
    const page = `${prefix}${name}`;
    let total = 0;
    minutes.forEach((clicksList, m) => {
      const start = minute - m * 60_000;
      clicksList.forEach((clicks, i) => {
        const late = i === clicksList.length - 1 && clicksList.length > 2;
        total += clicks;
        aggRows.push({
          window_start: chTime(start),
          window_end: chTime(start + 60_000),
          page,
          country: i % 2 === 0 ? 'DE' : 'FR',
          source_topic: 'web.clicks',
          source_partition: late ? 0 : i,
          pane: late ? 1 : 0,
          clicks,
          unique_users: 2,
          user_ids: [`${run}-u${i}`, `${run}-v${i}`],
        });
      });
    });
    expectedClicks.set(page, total);
  }
  await client.insert({ table: 'page_minute_agg', values: aggRows, format: 'JSONEachRow' });

  const countries = ['DE', 'FR', 'US', 'BR'];
  const devices = ['desktop', 'mobile', 'tablet'];
  const rawRows = Array.from({ length: 48 }, (_, i) => ({
    event_id: `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
    user_id: `${run}-u${i % 7}`,
    ts: chTime(minute + i * 1000),
    page: `${prefix}checkout`,
    referrer: '',
    country: countries[i % countries.length],
    device: devices[i % devices.length],
    source_partition: i % 4,
    source_offset: i,
  }));
  await client.insert({ table: 'clicks_raw', values: rawRows, format: 'JSONEachRow' });

  const now = Date.now();
  const lateRows = Array.from({ length: 3 }, (_, i) => ({
    event_id: `00000000-0000-4000-9000-${(i + 1).toString(16).padStart(12, '0')}`,
    user_id: `${run}-late${i}`,
    ts: chTime(minute - 10 * 60_000),
    page: `${prefix}pricing`,
    country: 'DE',
    device: 'mobile',
    window_start: chTime(minute - 10 * 60_000),
    watermark: chTime(minute),
    reason: 'beyond_allowed_lateness',
    source_topic: 'web.clicks',
    source_partition: 0,
    source_offset: 1000 + i,
    detected_at: chTime(now - 2 * 60_000),
  }));
  await client.insert({ table: 'late_events', values: lateRows, format: 'JSONEachRow' });

  await client.insert({
    table: 'anomalies',
    values: [{ window_start: chTime(minute), window_end: chTime(minute + 60_000), page: `${prefix}checkout`, country: 'DE', level: 'page_country', kind: 'spike', observed: 4_000_001, baseline: 1200, score: 3926.4, history_size: 30, source_topic: 'web.clicks' }],
    format: 'JSONEachRow',
  });
  return { prefix, expectedClicks, countries, devices };
}

/** The same rows as ClickHouse itself sums them, through the view the chart reads. */
export async function clicksPerPage(client: ClickHouseClient, prefix: string): Promise<Map<string, number>> {
  const result = await client.query({
    query: `SELECT page, toString(sum(clicks)) AS clicks FROM page_minute
            WHERE startsWith(page, {prefix:String}) AND window_start >= now() - INTERVAL 1 HOUR
            GROUP BY page`,
    query_params: { prefix },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ page: string; clicks: string }>();
  return new Map(rows.map((r) => [r.page, Number(r.clicks)]));
}

/** Deletes this run's rows again, so the stack's dashboard shows real traffic only. */
export async function deleteSeededRows(client: ClickHouseClient, prefix: string): Promise<void> {
  for (const table of TABLES_WITH_PAGE) {
    await client.command({
      query: `ALTER TABLE ${table} DELETE WHERE startsWith(page, {prefix:String})`,
      query_params: { prefix },
      clickhouse_settings: { mutations_sync: '2' },
    });
  }
}
