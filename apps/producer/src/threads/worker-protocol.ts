import type { ProducerConfig } from '../producer-config';

/** What each send worker is started with (structured-cloned into the thread). */
export interface SendWorkerData {
  readonly config: ProducerConfig;
  readonly workerIndex: number;
  readonly workers: number;
  readonly partitionCount: number;
}

/** Counts since the previous report, plus the produce request latencies observed meanwhile. */
export interface SendCounts {
  readonly generated: number;
  readonly acked: number;
  readonly failed: number;
  readonly latenciesMs: number[];
}

/** Main thread -> worker. `start` carries the common start instant all pacers count from. */
export type ToWorker = { readonly type: 'start'; readonly startedAt: number } | { readonly type: 'stop' };

/** Worker -> main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | ({ readonly type: 'report' } & SendCounts)
  | ({ readonly type: 'done'; readonly sendingEndedAt: number } & SendCounts);
