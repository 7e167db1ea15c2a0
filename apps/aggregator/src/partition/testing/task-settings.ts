import type { AggregatorTaskSettings } from '../aggregator-task';

/** Settings of a task in the specs: partition 0 of web.clicks, 1-minute windows, 10 s out-of-orderness, no lateness. */
export const TASK_SETTINGS: AggregatorTaskSettings = {
  topic: 'web.clicks',
  partition: 0,
  windowSizeMs: 60_000,
  outOfOrdernessMs: 10_000,
  allowedLatenessMs: 0,
  maxBufferedRows: 1_000,
  maxHeldEvents: 2_000_000,
  maxFutureSkewMs: 5 * 60_000,
  watermarkMaxLeadMs: 0,
  maxEventAgeMs: 89 * 86_400_000,
};
