import type { CompressionTypes, Message, Producer } from 'kafkajs';

export interface SenderStats {
  readonly acked: number;
  readonly failed: number;
  readonly inFlight: number;
}

/**
 * Keeps up to `maxInFlight` produce requests open at once (one request per batch). With 1 (the
 * default) batches reach each partition in generation order, so a seed reproduces the topic
 * exactly; kafkajs does not keep that order across concurrent send() calls. A failed batch is
 * counted (and logged by the caller), never silently dropped.
 */
export class KafkaClickSender {
  private readonly inFlight = new Set<Promise<void>>();
  private acked = 0;
  private failed = 0;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly compression: CompressionTypes,
    private readonly maxInFlight: number,
    private readonly onError: (err: Error, messages: number) => void,
    private readonly onAck: (messages: number, latencyMs: number) => void = () => undefined,
  ) {}

  get stats(): SenderStats {
    return { acked: this.acked, failed: this.failed, inFlight: this.inFlight.size };
  }

  /** Resolves once the batch is handed over (not acked): waits only while the pipeline is full. */
  async send(messages: Message[]): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    const started = performance.now();
    const request = this.producer
      .send({ topic: this.topic, messages, acks: -1, compression: this.compression })
      .then(
        () => {
          this.acked += messages.length;
          this.onAck(messages.length, performance.now() - started);
        },
        (err: Error) => {
          this.failed += messages.length;
          this.onError(err, messages.length);
        },
      )
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  /** Waits for every open request to be acked or failed. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
