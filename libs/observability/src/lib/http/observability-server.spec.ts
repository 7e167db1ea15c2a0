import { Counter } from 'prom-client';
import { createMetricsRegistry } from '../metrics/create-metrics-registry';
import { ObservabilityServer } from './observability-server';
import { ProgressCheck, type ReadinessResult } from './readiness';

describe('ObservabilityServer', () => {
  let readiness: ReadinessResult = { ready: true };
  const registry = createMetricsRegistry('test-app', { defaultMetrics: false });
  const counter = new Counter({ name: 'clicks_in_total', help: 'events in', registers: [registry] });
  const server = new ObservabilityServer({
    host: '127.0.0.1',
    port: 0,
    registry,
    readiness: [{ name: 'kafka', check: () => readiness }],
  });
  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('answers liveness regardless of readiness', async () => {
    readiness = { ready: false, detail: 'not connected' };
    const res = await get('/healthz');
    expect(res.status).toBe(200);
  });

  it('reports readiness per check with 200 or 503', async () => {
    readiness = { ready: false, detail: 'not connected' };
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, checks: { kafka: { ready: false, detail: 'not connected' } } });
    readiness = { ready: true };
    expect((await get('/readyz')).status).toBe(200);
  });

  it('serves Prometheus metrics labelled with the app', async () => {
    counter.inc(3);
    const text = await (await get('/metrics')).text();
    expect(text).toContain('clicks_in_total{app="test-app"} 3');
  });

  it('returns 404 for unknown paths', async () => {
    expect((await get('/nope')).status).toBe(404);
  });
});

describe('ProgressCheck', () => {
  it('is ready when idle with no pending work, not ready when stalled with work pending', () => {
    let now = 0;
    let lastProgress = 0;
    let pending = false;
    const check = new ProgressCheck('progress', 1_000, () => pending, () => lastProgress, () => now);
    now = 5_000;
    expect(check.check().ready).toBe(true);
    pending = true;
    expect(check.check()).toEqual({ ready: false, detail: 'work pending but no progress for 5000 ms' });
    lastProgress = 5_000;
    now = 5_500;
    expect(check.check().ready).toBe(true);
  });
});
