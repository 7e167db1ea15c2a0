import { ensureLocalStack, readStackEndpoints, waitFor } from '@clickstream/integration-testing';

jest.setTimeout(10 * 60_000);

interface Target {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: string;
}

/** The stack's Prometheus: the apps' jobs on loopback and every alert rule of infra/prometheus loaded. */
describe('local Prometheus', () => {
  const base = `http://127.0.0.1:${Number(process.env['CLICKSTREAM_PROMETHEUS_PORT'] || 9090)}`;
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: T }).data;
  };

  beforeAll(() => ensureLocalStack(readStackEndpoints()));

  it('has the alert rules of infra/prometheus/alerts.yml loaded', async () => {
    const { groups } = await api<{ groups: { name: string; rules: { name: string; type: string }[] }[] }>('/api/v1/rules');
    expect(groups.map((g) => g.name).sort()).toEqual(
      ['clickstream-availability', 'clickstream-consumers', 'clickstream-data-quality', 'clickstream-producer'].sort(),
    );
    const alerts = groups.flatMap((g) => g.rules.filter((r) => r.type === 'alerting').map((r) => r.name));
    expect(alerts).toEqual(expect.arrayContaining(['ClickstreamAppDown', 'KafkaConsumerLag']));
  });

  it('scrapes the three apps on loopback, and itself successfully', async () => {
    const targets = await waitFor(
      async () => {
        const { activeTargets } = await api<{ activeTargets: Target[] }>('/api/v1/targets');
        const self = activeTargets.find((t) => t.labels['job'] === 'prometheus');
        if (self?.health !== 'up') throw new Error(`prometheus self-scrape is ${self?.health ?? 'missing'}`);
        return activeTargets;
      },
      { timeoutMs: 60_000, intervalMs: 1000, description: 'Prometheus scraped itself' },
    );
    const jobs = new Map(targets.map((t) => [t.labels['job'], t.scrapeUrl]));
    for (const job of ['producer', 'aggregator', 'raw-sink']) expect(jobs.get(job)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  });
});
