import { Counter, Histogram, type Registry } from 'prom-client';

/** Rejections and dead letters are counted by the runtime (raw_sink_events_rejected_total, raw_sink_dead_letters_total). */
export function createRawSinkMetrics(registry: Registry) {
  const registers = [registry];
  return {
    accepted: new Counter({ name: 'raw_sink_events_accepted_total', help: 'Valid events buffered for clicks_raw', registers }),
    inserted: new Counter({ name: 'raw_sink_rows_inserted_total', help: 'Rows confirmed by ClickHouse (replays included)', registers }),
    insertLatency: new Histogram({
      name: 'raw_sink_insert_duration_seconds',
      help: 'clicks_raw insert time',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}
export type RawSinkMetrics = ReturnType<typeof createRawSinkMetrics>;
