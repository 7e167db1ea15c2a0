import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * `app` prefixes the two per-record failure counters (`<app>_events_rejected_total`,
 * `<app>_dead_letters_total`, names the dashboards and alerts already use); the runtime, not the
 * app, counts them, as it is the one failure path.
 */
export function createStreamRuntimeMetrics(registry: Registry, app = 'stream') {
  const registers = [registry];
  const prefix = app.replace(/-/g, '_');
  const rejected = new Counter({ name: `${prefix}_events_rejected_total`, help: 'Records dead-lettered, by reason (decode/validation rejections and sink_refused rows)', labelNames: ['reason'], registers });
  return {
    rejected,
    deadLetters: new Counter({ name: `${prefix}_dead_letters_total`, help: 'Letters published to the dead-letter topic', registers }),
    deadLettersRefused: new Counter({ name: 'stream_dead_letters_refused_total', help: 'Letters the dead-letter topic refused even without their value (logged with their source coordinates)', registers }),
    records: new Counter({ name: 'stream_records_total', help: 'Records handed to partition tasks', registers }),
    skipped: new Counter({ name: 'stream_records_skipped_total', help: 'Records re-fetched below the checkpoint and skipped', registers }),
    consumerLag: new Gauge({ name: 'stream_consumer_lag', help: 'Records behind the partition high watermark', labelNames: ['partition'], registers }),
    fetchWait: new Gauge({ name: 'stream_fetch_max_wait_seconds', help: 'How long a fetch waits for records at most now (short around window closes, long between them)', registers }),
    partitionsOwned: new Gauge({ name: 'stream_partitions_owned', help: 'Partitions this process owns', registers }),
    flushes: new Counter({ name: 'stream_flushes_total', help: 'Checkpointed flushes completed', registers }),
    flushDuration: new Histogram({
      name: 'stream_flush_duration_seconds',
      help: 'Announce + writes + checkpoint commit, retries included',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    flushRows: new Histogram({ name: 'stream_flush_rows', help: 'Output rows per flush', buckets: [0, 10, 100, 1e3, 1e4, 5e4, 1e5, 5e5], registers }),
    checkpointBytes: new Histogram({ name: 'stream_checkpoint_size_bytes', help: 'Serialized state per checkpoint', buckets: [1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 5e7], registers }),
    checkpointAge: new Gauge({ name: 'stream_checkpoint_age_seconds', help: 'Time since the oldest owned partition last committed', registers }),
    flushWaits: new Counter({ name: 'stream_partition_flush_waits_total', help: "Times a partition paused fetching because a cut was due while its previous flush was in flight", registers }),
    flushRetries: new Counter({ name: 'stream_flush_retries_total', help: 'Flush attempts that failed and were retried', registers }),
    recoveries: recoveriesCounter(registers),
    fenced: new Counter({ name: 'stream_partitions_fenced_total', help: 'Partitions dropped because another owner claimed them', registers }),
  };
}
export type StreamRuntimeMetrics = ReturnType<typeof createStreamRuntimeMetrics>;

/** Both causes exported at 0 from the start, so alerting on increase() sees the first recovery. */
function recoveriesCounter(registers: Registry[]) {
  const counter = new Counter({
    name: 'stream_checkpoint_recoveries_total',
    help: 'Partitions whose Redis checkpoint was missing and were rebuilt from the durable ledger (cause: at claim, or lost under a running owner)',
    labelNames: ['cause'],
    registers,
  });
  for (const cause of ['claim', 'lost']) counter.inc({ cause }, 0);
  return counter;
}
