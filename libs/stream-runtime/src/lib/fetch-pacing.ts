/** The wait and minimum bytes of a consumer's next fetches (kafkajs maxWaitTime and minBytes). */
export interface FetchPacing {
  readonly maxWaitTimeInMs: number;
  readonly minBytes: number;
}

/** What pacing needs to know of one owned partition. */
export interface PartitionPace {
  /** Whether it processes records normally (not replaying, seeking or recovering). */
  readonly live: boolean;
  /** Records it was behind at its last batch; undefined before its first batch. */
  readonly lag: number | undefined;
  /** Event time until its next output that flushes at once (PartitionTask.eventTimeToNextFire); 0 when unknown. */
  readonly eventTimeToNextFire: number;
}

export interface FetchLimits {
  readonly maxBytes: number;
  readonly maxBytesPerPartition: number;
}

/**
 * The usual wait: at live rates a fetch returns after at most this long, so output due at once is
 * at most this late. Below about 45,000 JSON events/s a fetch takes all of it.
 */
export const SHORT_FETCH_WAIT_MS = 100;
/** The wait between window closes: Kafka's own default fetch.max.wait.ms. */
export const LONG_FETCH_WAIT_MS = 500;
/** How often the runtime re-evaluates the pacing (its flush timer). */
export const PACING_INTERVAL_MS = 100;
/**
 * Output due within this much event time makes fetches wait short. The event time a partition has
 * seen is up to one long wait old (the records of the fetch in flight), and a fetch started just
 * before the next re-evaluation may wait one long wait more.
 */
export const PACING_HORIZON_MS = 2 * LONG_FETCH_WAIT_MS + 2 * PACING_INTERVAL_MS;
/** A partition further behind than this is catching up: fetches must not wait for the others. */
export const PACED_MAX_LAG = 1_000;
/** What a fetch waits for at most (kafkajs minBytes): about 4,000 JSON events, twice as many in Avro. */
const PACED_MIN_BYTES = 1024 * 1024;

/**
 * How the next fetches wait. Each fetch costs the same work whatever it brings (kafkajs' runner,
 * lag, heartbeat, and the batches per partition), so at live rates fewer, larger fetches are
 * cheaper. But a window's output waits for the event that fires it to be fetched, so:
 *
 * - short (the default): SHORT_FETCH_WAIT_MS, and no more bytes than one partition may bring, so a
 *   single partition with a backlog never waits for the others;
 * - long, when every owned partition is live and caught up and none has output due within
 *   PACING_HORIZON_MS of event time: LONG_FETCH_WAIT_MS or PACED_MIN_BYTES (the bundle's kafkajs patch caps
 *   it per request at what the request's partitions may bring). At 20,000 JSON events/s a fetch
 *   then brings about 220 ms of events instead of 100 ms.
 *
 * Event time stands in for wall time here: a caught-up partition's event time advances with the
 * clock (a producer stamps events as they happen). If it runs ahead, output is at most one long wait
 * late; what is computed never changes, only when records arrive.
 */
export function fetchPacing(partitions: Iterable<PartitionPace>, limits: FetchLimits): FetchPacing {
  let any = false;
  for (const p of partitions) {
    any = true;
    const calm = p.live && p.lag !== undefined && p.lag <= PACED_MAX_LAG && p.eventTimeToNextFire > PACING_HORIZON_MS;
    if (!calm) return shortPacing(limits);
  }
  if (!any) return shortPacing(limits);
  return { maxWaitTimeInMs: LONG_FETCH_WAIT_MS, minBytes: Math.min(PACED_MIN_BYTES, limits.maxBytes) };
}

/** The short wait, also what a consumer without the pacing patch always uses. */
export function shortPacing(limits: FetchLimits): FetchPacing {
  return { maxWaitTimeInMs: SHORT_FETCH_WAIT_MS, minBytes: Math.min(PACED_MIN_BYTES, limits.maxBytes, limits.maxBytesPerPartition) };
}
