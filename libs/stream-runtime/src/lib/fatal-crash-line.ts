import { UndecodableBatchError } from '@clickstream/kafka';

/**
 * The line an app stops with when kafkajs gave up on its consumer. An undecodable batch is named
 * (topic, partition, offsets, codec) with the way past it: the app never skips it by itself.
 */
export function fatalCrashLine(err: Error): string {
  const undecodable = undecodableBatchIn(err);
  if (undecodable?.location) {
    const { topic, partition, firstOffset } = undecodable.location;
    return `${undecodable.message}. Not skipped: to pass it, restart with --skip-batches ${topic}:${partition}:${firstOffset} (KAFKA_SKIP_BATCHES); its records are then dead-lettered as empty (README, "Undecodable batches")`;
  }
  return `consumer crashed for good: ${err.message}`;
}

/** kafkajs' retrier wraps a non-retriable error as the `cause` of its own. */
function undecodableBatchIn(err: unknown): UndecodableBatchError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof UndecodableBatchError) return e;
  }
  return undefined;
}
