import { collectDefaultMetrics, Registry } from 'prom-client';

/** How often the event-loop delay is sampled (ms). */
const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * A registry per app (never prom-client's global one) so tests and several engines in one process
 * do not collide; process metrics (CPU, RSS, event-loop lag, GC) included, labelled with the app.
 */
export function createMetricsRegistry(app: string, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  // prom-client samples event-loop delay on a 10 ms timer by default: 100 wake-ups a second, a
  // tenth of an idle app's CPU. At 100 ms the lag gauges still see any stall of 100 ms or more.
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  return registry;
}
