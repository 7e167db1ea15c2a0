import { UndecodableBatchError } from '@clickstream/kafka';

/**
 * The line an app stops with when kafkajs gave up on its consumer. An undecodable batch is named
 * (topic, partition, offsets, codec) with the way past it: the app never skips it by itself.
 */
export function fatalCrashLine(err: Error): string {
  if (err instanceof UndecodableBatchError && err.location) {
    const { topic, partition, firstOffset } = err.location;
    return `${err.message}. Not skipped: to pass it, restart with --skip-batches ${topic}:${partition}:${firstOffset} (KAFKA_SKIP_BATCHES); its records are then dead-lettered as empty (README, "Undecodable batches")`;
  }
  return `consumer crashed for good: ${err.message}`;
}
