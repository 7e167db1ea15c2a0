// Live terminal view for `npm start`: top pages of the latest complete minutes and recent anomalies,
// read back from ClickHouse (what a dashboard would show), refreshed every few seconds.
import { createClient } from '@clickhouse/client';
import { readFileSync } from 'node:fs';

const url = process.env.CLICKHOUSE_URL ?? `http://127.0.0.1:${process.env.CLICKSTREAM_CLICKHOUSE_PORT ?? '8123'}`;
const database = process.env.CLICKHOUSE_DATABASE ?? 'rt';
const refreshMs = Number(process.env.SUMMARY_REFRESH_MS ?? 5000);
// Same settings as the apps (e.g. from .stack/secure/clickstream.env); the password from env or its *_FILE.
const username = process.env.CLICKHOUSE_USER ?? 'default';
const passwordFile = process.env.CLICKHOUSE_PASSWORD_FILE;
const password = passwordFile ? readFileSync(passwordFile, 'utf8').trim() : (process.env.CLICKHOUSE_PASSWORD ?? '');
const client = createClient({ url, database, username, password });

interface TopRow { minute: string; page: string; clicks: string; unique_users: string }
interface AnomalyRow { window_start: string; page: string; country: string; z: number; value: number; mean: number }
interface TotalsRow { raw: string; windows: string; late: string }

async function render(): Promise<string> {
  const [top, anomalies, totals] = await Promise.all([
    client
      .query({
        query: `SELECT toString(window_start) AS minute, page, sum(clicks) AS clicks, max(unique_users) AS unique_users
                FROM page_totals_minute
                WHERE window_start >= (SELECT max(window_start) FROM page_totals_minute) - INTERVAL 2 MINUTE
                GROUP BY minute, page ORDER BY minute DESC, clicks DESC LIMIT 5 BY minute`,
        format: 'JSONEachRow',
      })
      .then((r) => r.json<TopRow>()),
    client
      .query({
        query: `SELECT toString(window_start) AS window_start, page, country, round(max(z), 1) AS z, max(value) AS value, round(avg(mean), 1) AS mean
                FROM anomalies GROUP BY window_start, page, country ORDER BY window_start DESC, z DESC LIMIT 5`,
        format: 'JSONEachRow',
      })
      .then((r) => r.json<AnomalyRow>()),
    client
      .query({
        query: `SELECT (SELECT count() FROM clicks_raw) AS raw, (SELECT count() FROM page_minute_agg) AS windows, (SELECT count() FROM late_events) AS late`,
        format: 'JSONEachRow',
      })
      .then((r) => r.json<TotalsRow>()),
  ]);
  const lines = [`Clickstream live  ${new Date().toISOString()}  (ClickHouse ${url}/${database}; Ctrl-C stops everything)`, ''];
  const t = totals[0];
  if (t) lines.push(`rows: clicks_raw ${t.raw}   window partials ${t.windows}   late events ${t.late}`, '');
  lines.push('Top pages per minute (clicks, unique users):');
  let minute = '';
  for (const r of top) {
    if (r.minute !== minute) lines.push(`  ${(minute = r.minute)}`);
    lines.push(`    ${r.page.padEnd(22)} ${String(r.clicks).padStart(8)} ${String(r.unique_users).padStart(8)}`);
  }
  if (top.length === 0) lines.push('  (no closed window yet: the first one closes a minute plus the watermark bound after start)');
  lines.push('', 'Recent anomalies (z-score per page and country):');
  for (const a of anomalies) lines.push(`  ${a.window_start}  ${a.page.padEnd(20)} ${a.country}  z=${a.z}  clicks ${a.value} vs mean ${a.mean}`);
  if (anomalies.length === 0) lines.push('  (none yet: the producer injects a spike after a few minutes)');
  return lines.join('\n');
}

async function loop(): Promise<void> {
  for (;;) {
    try {
      const text = await render();
      process.stdout.write(process.stdout.isTTY ? `\x1b[2J\x1b[H${text}\n` : `${text}\n\n`);
    } catch (err) {
      process.stdout.write(`summary: ClickHouse query failed: ${(err as Error).message}\n`);
    }
    await new Promise((r) => setTimeout(r, refreshMs));
  }
}

process.on('SIGTERM', () => void client.close().then(() => process.exit(0)));
process.on('SIGINT', () => void client.close().then(() => process.exit(0)));
void loop();
