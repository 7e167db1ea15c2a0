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
});
