import { KafkaJSNonRetriableError } from 'kafkajs';

/** Where an undecodable batch sits, found in the fetch response it came in. */
export interface BatchLocation {
  readonly topic: string;
  readonly partition: number;
  /** The batch's first and last offsets (Kafka's base offset and base + last offset delta). */
  readonly firstOffset: string;
  readonly lastOffset: string;
}

/**
 * A record batch no registered codec can decode: a codec id nobody registered, or compressed bytes
 * the codec refuses (corrupt or truncated). Not retriable: fetching the same batch again gives the
 * same bytes, so kafkajs must not retry or restart on it; the consumer stops and says where.
 */
export class UndecodableBatchError extends KafkaJSNonRetriableError {
  override readonly name = 'UndecodableBatchError';

  constructor(
    /** kafkajs' name of the codec (`gzip`, `snappy`, `lz4`, `zstd`) or `codec id N` for an unknown one. */
    readonly codec: string,
    readonly reason: string,
    readonly location?: BatchLocation,
  ) {
    super(
      location
        ? `undecodable record batch in ${location.topic} partition ${location.partition} at offsets ${location.firstOffset}..${location.lastOffset} (codec ${codec}): ${reason}`
        : `undecodable record batch (codec ${codec}): ${reason}`,
    );
  }

  /** The same error, now knowing where the batch is. */
  at(location: BatchLocation): UndecodableBatchError {
    return new UndecodableBatchError(this.codec, this.reason, location);
  }
}
