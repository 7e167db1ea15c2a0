export { createLogger, type Logger, type LoggerOptions } from './lib/logging/create-logger';
export { createMetricsRegistry } from './lib/metrics/create-metrics-registry';
export { ObservabilityServer, type ObservabilityServerOptions } from './lib/http/observability-server';
export { evaluateReadiness, ProgressCheck, type ReadinessCheck, type ReadinessResult } from './lib/http/readiness';
