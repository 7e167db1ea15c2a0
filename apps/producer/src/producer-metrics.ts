import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function createProducerMetrics(registry: Registry) {
  return {
    generated: new Counter({ name: 'producer_events_generated_total', help: 'Events generated and handed to Kafka', registers: [registry] }),
    acked: new Counter({ name: 'producer_events_acked_total', help: 'Events acknowledged by Kafka', registers: [registry] }),
    failed: new Counter({ name: 'producer_events_failed_total', help: 'Events whose produce request failed', registers: [registry] }),
    workers: new Gauge({ name: 'producer_send_workers', help: 'Send threads, each with its own Kafka producer', registers: [registry] }),
    targetRate: new Gauge({ name: 'producer_target_rate', help: 'Asked send rate, events/s', registers: [registry] }),
    requestLatency: new Histogram({
      name: 'producer_request_duration_seconds',
      help: 'Produce request time to ack',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
export type ProducerMetrics = ReturnType<typeof createProducerMetrics>;
