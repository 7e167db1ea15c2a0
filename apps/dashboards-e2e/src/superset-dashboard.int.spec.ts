import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { ensureLocalStack, findWorkspaceRoot, readStackEndpoints, waitFor } from '@clickstream/integration-testing';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium } from './chromium';
import { clicksPerPage, deleteSeededRows, seedDashboardRows, type SeededRun } from './dashboard-seed';
import { readSupersetEndpoint, startSuperset, SUPERSET_START_TIMEOUT_MS, type SupersetEndpoint } from './superset-endpoint';

jest.setTimeout(SUPERSET_START_TIMEOUT_MS + 5 * 60_000);

/** The charts of infra/superset/dashboard-export/dashboards/Clickstream.yaml. */
const CHARTS = [
  'Clicks per minute',
  'Top pages (last hour)',
  'Clicks by country (last hour)',
  'Clicks by device (last hour)',
  'Late events per minute',
  'Anomalies (last 24 hours)',
  'Clicks per hour (7 days)',
];

interface ChartState {
  title: string;
  loading: boolean;
  error: string | undefined;
  /** What it drew: an ECharts canvas, a table, or Superset's "No results" state. */
  rendered: 'canvas' | 'table' | 'empty' | 'none';
}

async function chartStates(page: Page): Promise<ChartState[]> {
  return page.$$eval('[data-test="chart-grid-component"]', (holders) =>
    holders.map((h) => {
      const title = h.querySelector('[data-test="editable-title"]')?.textContent?.trim() ?? '';
      const errorNode = h.querySelector('.ant-alert-error, [data-test="error-tooltip"], [role="alert"]');
      const text = h.textContent ?? '';
      const rendered = h.querySelector('canvas') ? 'canvas' : h.querySelector('table tbody tr') ? 'table' : /No results/.test(text) ? 'empty' : 'none';
      return {
        title,
        loading: h.querySelector('[data-test="loading-indicator"], .loading') !== null,
        error: errorNode ? (errorNode.textContent ?? 'error').slice(0, 300) : undefined,
        rendered,
      } as ChartState;
    }),
  );
}

/** What a login attempt left on the page when it stayed on /login: the URL and any visible alert. */
async function loginPageSays(page: Page): Promise<string> {
  const alerts = await page.$$eval('[role="alert"], .ant-alert, .ant-message, .alert', (nodes) => nodes.map((n) => (n.textContent ?? '').trim()).filter(Boolean));
  return `${page.url()}${alerts.length > 0 ? ` (${alerts.join(' | ')})` : ''}`;
}

/**
 * Logs in through Superset's login page (its single-page app), submitted once the page's own
 * requests have settled. About one login in 15 runs here (and one in CI) ended back on
 * /login/?next=/superset/welcome/ with no alert shown; the cause is not known. Such a login is tried
 * again, at most LOGIN_ATTEMPTS times, and each failed attempt is reported with the answers it got
 * (to tell a refused login from a lost session next time).
 */
const LOGIN_ATTEMPTS = 3;
async function logIn(page: Page, superset: SupersetEndpoint): Promise<void> {
  const endedOn: string[] = [];
  let trail: string[] = [];
  const onResponse = (r: Response) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/static/')) return;
    const location = r.headers()['location'];
    trail.push(`${r.status()} ${r.request().method()} ${url.pathname}${url.search}${location ? ` -> ${location}` : ''}`);
  };
  page.on('response', onResponse);
  try {
    for (let attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
      trail = [];
      await page.goto(`${superset.baseUrl}/login/`, { waitUntil: 'networkidle' });
      if (!new URL(page.url()).pathname.startsWith('/login')) return; // the session of an earlier attempt
      await page.fill('#username, input[name="username"]', superset.user);
      await page.fill('#password, input[name="password"]', superset.password);
      try {
        await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 60_000 }), page.keyboard.press('Enter')]);
        return;
      } catch (error) {
        endedOn.push(`attempt ${attempt}: ${await loginPageSays(page)}: ${(error as Error).message.split('\n')[0]}\n    ${trail.slice(-20).join('\n    ')}`);
        process.stderr.write(`Superset login did not leave /login, ${endedOn[endedOn.length - 1]}\n`);
      }
    }
    throw new Error(`Superset login failed ${LOGIN_ATTEMPTS} times:\n${endedOn.join('\n')}`);
  } finally {
    page.off('response', onResponse);
  }
}

describe('Superset: the Clickstream dashboard in a real browser', () => {
  const root = findWorkspaceRoot();
  const superset = readSupersetEndpoint();
  let clickhouse: ClickHouseClient;
  let seeded: SeededRun;
  let closeBrowser: (() => Promise<void>) | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    const endpoints = readStackEndpoints();
    await ensureLocalStack(endpoints);
    await startSuperset(root);
    clickhouse = createClient({ url: endpoints.clickhouseUrl, database: 'rt' });
    seeded = await seedDashboardRows(clickhouse, Date.now().toString(36));
    ({ context, close: closeBrowser } = await launchChromium());
  });

  afterAll(async () => {
    await closeBrowser?.();
    if (seeded) await deleteSeededRows(clickhouse, seeded.prefix);
    await clickhouse?.close();
  });

  it('logs in, renders every chart without an error, and Top pages equals ClickHouse over the seeded rows', async () => {
    const page = await context.newPage();
    // A loaded 2-core machine (CI runs other suites beside this one) serves Superset slowly: be patient, not flaky.
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(180_000);
    await logIn(page, superset);

    // Every chart's data request must succeed: collect the answers while the dashboard loads.
    const dataAnswers: { status: number; url: string }[] = [];
    page.on('response', (r: Response) => {
      if (r.url().includes('/api/v1/chart/data')) dataAnswers.push({ status: r.status(), url: r.url() });
    });
    // force=true: Superset answers chart data from its 20 s data cache otherwise, so a run within 20 s
    // of an earlier load (another run, a person looking) would be shown that load's rows, not this seed's.
    await page.goto(`${superset.baseUrl}/superset/dashboard/clickstream/?force=true`, { timeout: 120_000 });

    const states = await waitFor(
      async () => {
        const s = await chartStates(page);
        const settled = s.length === CHARTS.length && s.every((c) => !c.loading && (c.error !== undefined || c.rendered !== 'none'));
        if (!settled) throw new Error(`charts not settled yet: ${JSON.stringify(s)}`);
        return s;
      },
      { timeoutMs: 180_000, intervalMs: 1000, description: 'every chart of the Clickstream dashboard rendered' },
    );
    expect(states.map((s) => s.title).sort()).toEqual([...CHARTS].sort());
    expect(states.filter((s) => s.error !== undefined)).toEqual([]);
    // Seeded rows are in every table each chart reads, so none may be empty.
    expect(states.filter((s) => s.rendered !== 'canvas' && s.rendered !== 'table')).toEqual([]);
    expect(dataAnswers.length).toBeGreaterThanOrEqual(CHARTS.length);
    expect(dataAnswers.filter((a) => a.status !== 200)).toEqual([]);

    // The numbers: the Top pages table against ClickHouse's own sum over the same rows.
    const topPages = page.locator('[data-test="chart-grid-component"]', { hasText: 'Top pages (last hour)' });
    const rows = await topPages.locator('table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
    );
    const shown = new Map(
      rows.filter((cells) => (cells[0] ?? '').startsWith(seeded.prefix)).map((cells) => [cells[0] ?? '', Number((cells[1] ?? '').replace(/[^0-9.-]/g, ''))]),
    );
    const fromClickHouse = await clicksPerPage(clickhouse, seeded.prefix);
    // On a mismatch, say what the table showed (its rows, not only this run's).
    expect({ shown: Object.fromEntries(shown), rows }).toEqual({ shown: Object.fromEntries(fromClickHouse), rows: expect.anything() });
    expect(fromClickHouse).toEqual(seeded.expectedClicks);

    const screenshotDir = path.join(root, 'tmp', 'screenshots');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'superset-clickstream-dashboard.png'), animations: 'disabled' });
  });
});
