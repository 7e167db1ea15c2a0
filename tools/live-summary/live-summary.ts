// Live terminal view for `npm start`: top pages of the latest complete minutes and recent anomalies,
// read back from ClickHouse (what a dashboard would show), refreshed every few seconds.
import { readFileSync } from 'node:fs';
import { createClient } from '@clickhouse/client';
import { frameFor, HIDE_CURSOR, SHOW_CURSOR } from './screen-frame';

const url = process.env.CLICKHOUSE_URL ?? `http://127.0.0.1:${process.env.CLICKSTREAM_CLICKHOUSE_PORT ?? '8123'}`;
const database = process.env.CLICKHOUSE_DATABASE ?? 'rt';
const refreshMs = Number(process.env.SUMMARY_REFRESH_MS ?? 5000);
// Same settings as the apps (e.g. from .stack/secure/clickstream.env); the password from env or its *_FILE.
const username = process.env.CLICKHOUSE_USER ?? 'default';
const passwordFile = process.env.CLICKHOUSE_PASSWORD_FILE;
const password = passwordFile ? readFileSync(passwordFile, 'utf8').trim() : (process.env.CLICKHOUSE_PASSWORD ?? '');
const client = createClient({ url, database, username, password });
// Set by tools/scripts/start.sh: where the dashboards answer, and the state of Superset's background start.
const supersetUrl = process.env.SUMMARY_SUPERSET_URL;
const supersetStateFile = process.env.SUMMARY_SUPERSET_STATE_FILE;
const prometheusUrl = process.env.SUMMARY_PROMETHEUS_URL;

async function answers(healthUrl: string): Promise<boolean> {
  try {
    return (await fetch(healthUrl, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function dashboardLines(): Promise<string[]> {
  const lines: string[] = [];
  if (supersetUrl) {
    let state = '';
    try {
      state = supersetStateFile ? readFileSync(supersetStateFile, 'utf8').trim() : '';
    } catch {
      // not written yet
    }
    const ready = await answers(`${supersetUrl}/health`);
    const note = ready
      ? `${supersetUrl}/superset/dashboard/clickstream/  (${process.env.SUMMARY_SUPERSET_LOGIN ?? 'admin/admin'})`
      : state.startsWith('failed')
        ? `${supersetUrl}  did not start (${state}): see tmp/run/superset-start.log`
        : `${supersetUrl}  starting (the first start installs Superset: a few minutes; tmp/run/superset-start.log)`;
    lines.push(`Superset   ${note}`);
  }
  if (prometheusUrl) lines.push(`Prometheus ${prometheusUrl}/alerts  (targets: ${prometheusUrl}/targets)`);
  return lines.length > 0 ? [...lines, ''] : lines;
}

interface TopRow { minute: string; page: string; clicks: string; unique_users: string }
interface AnomalyRow { minute: string; page: string; country: string; kind: string; observed: string; baseline: number; score: number }
// Anomalies of this run only: a previous run's last (partial) minute is scored as a drop when this
// run's traffic closes it, which says nothing about this run.
const since = Number(process.env.SUMMARY_ANOMALIES_SINCE_MS ?? Date.now() - 60_000);
interface TotalsRow { raw: string; windows: string; late: string }

async function render(): Promise<string> {
  const [dashboards, top, anomalies, totals] = await Promise.all([
    dashboardLines(),
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
        query: `SELECT toString(window_start) AS minute, page, country, toString(kind) AS kind, observed, round(baseline, 1) AS baseline, round(score, 1) AS score
                FROM anomalies WHERE window_start >= fromUnixTimestamp64Milli({since:Int64})
                ORDER BY window_start DESC, level, abs(score) DESC LIMIT 8`,
        query_params: { since },
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
  const lines = [`Clickstream live  ${new Date().toISOString()}  (ClickHouse ${url}/${database}; Ctrl-C stops the apps)`, '', ...dashboards];
  const t = totals[0];
  if (t) lines.push(`rows: clicks_raw ${t.raw}   window partials ${t.windows}   late events ${t.late}`, '');
  lines.push('Top pages per minute (clicks, unique users):');
  let minute = '';
  for (const r of top) {
    if (r.minute !== minute) lines.push(`  ${(minute = r.minute)}`);
    lines.push(`    ${r.page.padEnd(22)} ${String(r.clicks).padStart(8)} ${String(r.unique_users).padStart(8)}`);
  }
  if (top.length === 0) lines.push('  (no closed window yet: the first one closes a minute plus the watermark bound after start)');
  lines.push('', 'Anomalies of this run (merged totals per page, and per page and country):');
  for (const a of anomalies) {
    const where = a.country === '*' ? 'all countries' : a.country;
    lines.push(`  ${a.minute}  ${a.page.padEnd(20)} ${where.padEnd(13)} ${a.kind.padEnd(5)} ${String(a.observed).padStart(6)} clicks vs usual ${a.baseline}  (score ${a.score})`);
  }
  if (anomalies.length === 0) {
    lines.push('  (none yet: verdicts start after the partial first minute and 3 full ones; the producer spikes');
    lines.push('   /product/1 4 minutes in, which shows here about 5-6 minutes after start, once its minute has closed)');
  }
  return lines.join('\n');
}

const terminal = () => (process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined);

// A resized terminal gets a full clear: the old frame's lines no longer line up with the new one's.
let first = true;
process.stdout.on('resize', () => (first = true));

async function loop(): Promise<void> {
  if (process.stdout.isTTY) process.stdout.write(HIDE_CURSOR);
  for (;;) {
    let text: string;
    try {
      text = await render();
    } catch (err) {
      text = `summary: ClickHouse query failed: ${(err as Error).message}`;
    }
    process.stdout.write(frameFor(text, terminal(), first));
    first = false;
    await new Promise((r) => setTimeout(r, refreshMs));
  }
}

const stop = () => {
  if (process.stdout.isTTY) process.stdout.write(SHOW_CURSOR);
  void client.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
void loop();
