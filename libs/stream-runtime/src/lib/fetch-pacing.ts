/** The wait and minimum bytes of a consumer's next fetches (kafkajs maxWaitTime and minBytes). */
export interface FetchPacing {
  readonly maxWaitTimeInMs: number;
  readonly minBytes: number;
}

/** What pacing needs to know of one owned partition. */
export interface PartitionPace {
  /** Whether it is owned, processes records normally (not replaying, seeking or recovering) and is not paused. */
  readonly live: boolean;
  /** Records it was behind at its last batch; undefined before its first batch. */
  readonly lag: number | undefined;
  /** Event time until its next output that flushes at once (PartitionTask.eventTimeToNextFire); 0 when unknown. */
  readonly eventTimeToNextFire: number;
  /**
   * Wall time since its last batch: its event time is at least that old. Subtracted, so a sparse or
   * quiet partition, whose next event may fire a window at once, is paced short.
   */
  readonly sinceLastBatchMs: number;
}

export interface FetchLimits {
  readonly maxBytes: number;
  readonly maxBytesPerPartition: number;
}

/**
 * The usual wait: at live rates a fetch returns after at most this long, so output due at once is
 * at most this late. With the default fetch sizes (512 KiB per partition), below about 22,000 JSON
 * events/s a fetch takes all of it.
 */
export const SHORT_FETCH_WAIT_MS = 100;
/** The wait between window closes: Kafka's own default fetch.max.wait.ms. */
export const LONG_FETCH_WAIT_MS = 500;
/**
 * Output due within this much event time (after its age is subtracted) makes fetches wait short.
 * The runtime re-evaluates after every batch and on its timer, but a fetch already waiting long
 * keeps its wait, and the records it will bring are that much older again: two long waits, plus
 * two short ones of slack for the batches in between.
 */
export const PACING_HORIZON_MS = 2 * LONG_FETCH_WAIT_MS + 2 * SHORT_FETCH_WAIT_MS;
/** A partition further behind than this is catching up: fetches must not wait for the others. */
export const PACED_MAX_LAG = 1_000;
/** What a long fetch waits for at most (kafkajs minBytes): about 4,000 uncompressed JSON events. */
const PACED_MIN_BYTES = 1024 * 1024;

/**
 * How the next fetches wait. Each fetch costs the same work whatever it brings (kafkajs' runner,
 * lag, heartbeat, and the batches per partition), so at live rates fewer, larger fetches are
 * cheaper. But a window's output waits for the event that fires it to be fetched, so:
 *
 * - short (the default): SHORT_FETCH_WAIT_MS, and no more bytes than one partition may bring, so a
 *   single partition with a backlog never waits for the others;
 * - long, when every assigned partition is owned, live, unpaused and caught up, and none has output
 *   due within PACING_HORIZON_MS of event time (less its age): LONG_FETCH_WAIT_MS or PACED_MIN_BYTES (the bundle's kafkajs patch caps
 *   it per request at what the request's partitions may bring). At 20,000 JSON events/s a fetch
 *   then brings about 220 ms of events instead of 100 ms.
 *
 * Event time stands in for wall time here: a caught-up partition's event time advances with the
 * clock (a producer stamps events as they happen). Output that cannot be predicted (late panes, early
 * panes under the held-events bound, an event stamped far ahead) may come up to one long wait later
 * than with short waits; what is computed never changes, only when records arrive.
 */
export function fetchPacing(partitions: Iterable<PartitionPace>, limits: FetchLimits): FetchPacing {
  let any = false;
  for (const p of partitions) {
    any = true;
    const calm = p.live && p.lag !== undefined && p.lag <= PACED_MAX_LAG && p.eventTimeToNextFire - p.sinceLastBatchMs > PACING_HORIZON_MS;
    if (!calm) return shortPacing(limits);
  }
  if (!any) return shortPacing(limits);
  return { maxWaitTimeInMs: LONG_FETCH_WAIT_MS, minBytes: Math.min(PACED_MIN_BYTES, limits.maxBytes) };
}

/** The short wait, also what a consumer without the pacing patch always uses. */
export function shortPacing(limits: FetchLimits): FetchPacing {
  return { maxWaitTimeInMs: SHORT_FETCH_WAIT_MS, minBytes: Math.min(PACED_MIN_BYTES, limits.maxBytes, limits.maxBytesPerPartition) };
}
