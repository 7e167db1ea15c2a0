import { Registry } from 'prom-client';
import { aggregatorTaskObserver, createAggregatorMetrics } from './aggregator-metrics';

const acceptedTotal = async (registry: Registry) => (await registry.getSingleMetric('aggregator_events_accepted_total')?.get())?.values[0]?.value;

describe('aggregator metrics', () => {
  it('report every accepted event when read, however often they are read', async () => {
    const registry = new Registry();
    const observer = aggregatorTaskObserver(createAggregatorMetrics(registry));
    expect(await acceptedTotal(registry)).toBe(0);
    for (let i = 0; i < 3; i++) observer.accepted();
    expect(await acceptedTotal(registry)).toBe(3);
    expect(await acceptedTotal(registry)).toBe(3);
    observer.accepted();
    observer.accepted();
    expect(await registry.metrics()).toContain('aggregator_events_accepted_total 5');
    expect(await acceptedTotal(registry)).toBe(5);
  });

  it('report the latest watermark of each partition when read', async () => {
    const registry = new Registry();
    const observer = aggregatorTaskObserver(createAggregatorMetrics(registry));
    const watermarks = async () => (await registry.getSingleMetric('aggregator_watermark_ms')?.get())?.values.map((v) => [v.labels['partition'], v.value]);
    expect(await watermarks()).toEqual([]);
    observer.watermark(0, 1_000);
    observer.watermark(2, 5_000);
    observer.watermark(0, 2_000);
    expect(await watermarks()).toEqual([
      ['0', 2_000],
      ['2', 5_000],
    ]);
    observer.watermark(2, 6_000);
    expect(await registry.metrics()).toContain('aggregator_watermark_ms{partition="2"} 6000');
  });
});
