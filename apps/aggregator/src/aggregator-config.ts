import { integerSetting, type ConfigOf } from '@clickstream/config';
import { consumerAppSettings } from '@clickstream/stream-runtime';

/** Every aggregator setting: env var, flag, default. The README's table is `--help`'s output. */
export const aggregatorSettings = {
  ...consumerAppSettings({ app: 'aggregator', groupId: 'clickstream-aggregator', metricsPort: 9465, checkpointIntervalMs: 30_000 }),
  windowSizeMs: integerSetting({ env: 'WINDOW_SIZE_MS', flag: 'window-size-ms', default: 60_000, min: 1_000, max: 86_400_000, description: 'Tumbling window length (ms)' }),
  outOfOrdernessMs: integerSetting({ env: 'WATERMARK_OUT_OF_ORDERNESS_MS', flag: 'out-of-orderness-ms', default: 10_000, min: 0, max: 3_600_000, description: 'Watermark bound: how far out of order events may arrive (ms)' }),
  watermarkMaxLeadMs: integerSetting({ env: 'WATERMARK_MAX_LEAD_MS', flag: 'watermark-max-lead-ms', default: 0, min: 0, max: 3_600_000, description: "How far past its Kafka record timestamp (broker time) one event may move its partition's watermark (ms); 0: a fast client clock is accepted (up to --max-future-skew-ms) but cannot close anyone's windows early" }),
  allowedLatenessMs: integerSetting({ env: 'ALLOWED_LATENESS_MS', flag: 'allowed-lateness-ms', default: 0, min: 0, max: 86_400_000, description: 'Late events within this update their fired window as a new pane (ms)' }),
  maxHeldEvents: integerSetting({ env: 'MAX_HELD_EVENTS', flag: 'max-held-events', default: 2_000_000, min: 1_000, max: 1_000_000_000, description: "Bound on a partition's window state: once more events than this are held in open windows, the fullest window writes its keys' partials early (exact totals unchanged; see docs/semantics.md, Memory bounds)" }),
  maxBufferedRows: integerSetting({ env: 'MAX_BUFFERED_ROWS', flag: 'max-buffered-rows', default: 50_000, min: 1, description: 'Flush a partition early once this many output rows wait' }),
  // Every flush checkpoints the partition's whole window state: at a live 20,000 events/s with the
  // producer's 0.2% late events, a flush every 5 s cost 4% more CPU than every 15 s (docs/benchmarks.md).
  // A steady trickle of dead letters sets the same cadence.
  maxFlushDelayMs: integerSetting({ env: 'AGGREGATOR_MAX_FLUSH_DELAY_MS', flag: 'max-flush-delay-ms', default: 15_000, min: 10, max: 600_000, description: 'Max time late-event rows and dead letters wait before a flush (ms); fired windows flush at once' }),
};

export type AggregatorConfig = ConfigOf<typeof aggregatorSettings>;

export function checkAggregatorConfig(c: AggregatorConfig): string[] {
  const problems: string[] = [];
  if (c.outOfOrdernessMs >= c.windowSizeMs * 60) {
    problems.push(`--out-of-orderness-ms (${c.outOfOrdernessMs}) is implausibly large for --window-size-ms (${c.windowSizeMs})`);
  }
  return problems;
}

/** The settings the partition state depends on: a savepoint taken with other values is refused. */
export function aggregatorStateFingerprint(c: AggregatorConfig): Record<string, string | number> {
  return {
    topic: c.topic,
    windowSizeMs: c.windowSizeMs,
    outOfOrdernessMs: c.outOfOrdernessMs,
    allowedLatenessMs: c.allowedLatenessMs,
    maxHeldEvents: c.maxHeldEvents,
  };
}
