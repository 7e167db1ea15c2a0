import { integerSetting, numberSetting, type ConfigOf } from '@clickstream/config';
import { consumerAppSettings } from '@clickstream/stream-runtime';

/** Every aggregator setting: env var, flag, default. The README's table is `--help`'s output. */
export const aggregatorSettings = {
  ...consumerAppSettings({ app: 'aggregator', groupId: 'clickstream-aggregator', metricsPort: 9465, checkpointIntervalMs: 30_000 }),
  windowSizeMs: integerSetting({ env: 'WINDOW_SIZE_MS', flag: 'window-size-ms', default: 60_000, min: 1_000, max: 86_400_000, description: 'Tumbling window length (ms)' }),
  outOfOrdernessMs: integerSetting({ env: 'WATERMARK_OUT_OF_ORDERNESS_MS', flag: 'out-of-orderness-ms', default: 10_000, min: 0, max: 3_600_000, description: 'Watermark bound: how far out of order events may arrive (ms)' }),
  allowedLatenessMs: integerSetting({ env: 'ALLOWED_LATENESS_MS', flag: 'allowed-lateness-ms', default: 0, min: 0, max: 86_400_000, description: 'Late events within this update their fired window as a new pane (ms)' }),
  maxBufferedRows: integerSetting({ env: 'MAX_BUFFERED_ROWS', flag: 'max-buffered-rows', default: 50_000, min: 1, description: 'Flush a partition early once this many output rows wait' }),
  anomalyThreshold: numberSetting({ env: 'ANOMALY_Z_THRESHOLD', flag: 'anomaly-threshold', default: 3, min: 0.1, max: 100, description: 'z-score at or above which a window is an anomaly' }),
  anomalyHistory: integerSetting({ env: 'ANOMALY_HISTORY', flag: 'anomaly-history', default: 30, min: 2, max: 10_000, description: 'Trailing windows per key the z-score looks at' }),
  anomalyMinHistory: integerSetting({ env: 'ANOMALY_MIN_HISTORY', flag: 'anomaly-min-history', default: 5, min: 1, max: 10_000, description: 'Windows of history needed before a verdict' }),
};

export type AggregatorConfig = ConfigOf<typeof aggregatorSettings>;

export function checkAggregatorConfig(c: AggregatorConfig): string[] {
  const problems: string[] = [];
  if (c.anomalyMinHistory > c.anomalyHistory) {
    problems.push(`--anomaly-min-history (${c.anomalyMinHistory}) must not exceed --anomaly-history (${c.anomalyHistory})`);
  }
  if (c.outOfOrdernessMs >= c.windowSizeMs * 60) {
    problems.push(`--out-of-orderness-ms (${c.outOfOrdernessMs}) is implausibly large for --window-size-ms (${c.windowSizeMs})`);
  }
  return problems;
}

/** The settings the partition state depends on: a savepoint taken with other values is refused. */
export function aggregatorStateFingerprint(c: AggregatorConfig, stateVersion: number): Record<string, string | number> {
  return {
    stateVersion,
    topic: c.topic,
    windowSizeMs: c.windowSizeMs,
    outOfOrdernessMs: c.outOfOrdernessMs,
    allowedLatenessMs: c.allowedLatenessMs,
    anomalyHistory: c.anomalyHistory,
  };
}
