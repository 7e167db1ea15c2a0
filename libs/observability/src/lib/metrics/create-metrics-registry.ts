import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry per app (never prom-client's global one) so tests and several engines in one process
 * do not collide; process metrics (CPU, RSS, event-loop lag, GC) included, labelled with the app.
 */
export function createMetricsRegistry(app: string, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
