import { createHash } from 'node:crypto';
import type { IHeaders, Message, Producer } from 'kafkajs';

/** Where a rejected record came from; also the DLQ key, so replays after a crash are recognisable. */
export interface SourceCoordinates {
  readonly topic: string;
  readonly partition: number;
  /** The record's offset, or `<from>-<to>` for output rows derived from a range of records. */
  readonly offset: string;
}

export interface DeadLetter {
  readonly source: SourceCoordinates;
  /**
   * The original bytes, untouched up to the letter bound: beyond it they are truncated, and the
   * letter keeps their length and SHA-256 (headers) so the record can be found and verified in
   * the source topic for as long as it is retained.
   */
  readonly value: Buffer | null;
  readonly key: Buffer | null;
  /** A stable code (metric label), e.g. `json_parse_error`. */
  readonly reason: string;
  /** Human-readable detail: which field, what was seen. */
  readonly detail: string;
}

export const DEAD_LETTER_HEADERS = {
  reason: 'x-dlq-reason',
  detail: 'x-dlq-detail',
  app: 'x-dlq-app',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  sourceKey: 'x-dlq-source-key',
  rejectedAt: 'x-dlq-rejected-at',
  /** Present when the value was cut: `true`, with the original's byte length and SHA-256 (hex). */
  truncated: 'x-dlq-truncated',
  originalBytes: 'x-dlq-original-bytes',
  originalSha256: 'x-dlq-original-sha256',
} as const;

export interface DeadLetterBounds {
  /** Max bytes of the original value kept in a letter (the rest is cut, with length and digest). */
  readonly maxValueBytes: number;
  /** Max bytes of the original key kept as a header. */
  readonly maxKeyBytes: number;
  /** Max summed value+key bytes of one produce request (Kafka refuses oversized requests/batches). */
  readonly maxBatchBytes: number;
  readonly maxBatchMessages: number;
}

/**
 * Well under the broker's default message.max.bytes (1 MiB) with headers and batch overhead: a
 * 1,048,000-byte record the broker took must still fit as a dead letter.
 */
export const DEFAULT_DEAD_LETTER_BOUNDS: DeadLetterBounds = {
  maxValueBytes: 256 * 1024,
  maxKeyBytes: 1024,
  maxBatchBytes: 512 * 1024,
  maxBatchMessages: 1_000,
};

/** DLQ record key: `<app>/<topic>/<partition>/<offset>`; identical for a replayed rejection. */
export function deadLetterKey(app: string, source: SourceCoordinates): string {
  return `${app}/${source.topic}/${source.partition}/${source.offset}`;
}

export function toDeadLetterMessage(app: string, letter: DeadLetter, rejectedAt: Date, bounds: DeadLetterBounds = DEFAULT_DEAD_LETTER_BOUNDS): Message {
  const headers: IHeaders = {
    [DEAD_LETTER_HEADERS.reason]: letter.reason,
    [DEAD_LETTER_HEADERS.detail]: letter.detail.slice(0, 1_000),
    [DEAD_LETTER_HEADERS.app]: app,
    [DEAD_LETTER_HEADERS.sourceTopic]: letter.source.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(letter.source.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: letter.source.offset,
    [DEAD_LETTER_HEADERS.rejectedAt]: rejectedAt.toISOString(),
  };
  if (letter.key) headers[DEAD_LETTER_HEADERS.sourceKey] = letter.key.length <= bounds.maxKeyBytes ? letter.key : letter.key.subarray(0, bounds.maxKeyBytes);
  let value = letter.value;
  if (value !== null && value.length > bounds.maxValueBytes) {
    headers[DEAD_LETTER_HEADERS.truncated] = 'true';
    headers[DEAD_LETTER_HEADERS.originalBytes] = String(value.length);
    headers[DEAD_LETTER_HEADERS.originalSha256] = createHash('sha256').update(value).digest('hex');
    value = value.subarray(0, bounds.maxValueBytes);
  }
  return { key: deadLetterKey(app, letter.source), value, headers };
}

/** What a publish did: letters sent, and letters the topic refused even in their smallest form. */
export interface DeadLetterPublishReport {
  readonly published: number;
  /** Refused for good (e.g. a topic with a tiny max.message.bytes): logged and counted, not retried. */
  readonly refused: readonly { readonly letter: DeadLetter; readonly error: string }[];
}

/**
 * Publishes rejected records with acks=all before the caller commits past them, so a crash can
 * duplicate a dead letter (same key) but never lose one.
 *
 * Never stalls on a letter: values are truncated to `maxValueBytes` (length and digest kept),
 * requests are split to `maxBatchBytes`, and a request the broker refuses for good (a
 * non-retriable error such as MESSAGE_TOO_LARGE) is retried one letter at a time, then with the
 * value dropped (headers only); a letter refused even then is reported, not retried. Retriable
 * failures (broker down) are thrown for the caller's backoff.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly app: string,
    private readonly topic: string,
    private readonly now: () => Date = () => new Date(),
    private readonly bounds: DeadLetterBounds = DEFAULT_DEAD_LETTER_BOUNDS,
  ) {}

  async publish(letters: readonly DeadLetter[]): Promise<DeadLetterPublishReport> {
    const refused: { letter: DeadLetter; error: string }[] = [];
    if (letters.length === 0) return { published: 0, refused };
    const at = this.now();
    for (const batch of this.batches(letters)) {
      try {
        await this.send(batch.map((l) => toDeadLetterMessage(this.app, l, at, this.bounds)));
      } catch (err) {
        if (isRetriable(err)) throw new DeadLetterPublishError(this.topic, batch.length, err);
        for (const letter of batch) await this.sendAlone(letter, at, refused);
      }
    }
    return { published: letters.length - refused.length, refused };
  }

  private async sendAlone(letter: DeadLetter, at: Date, refused: { letter: DeadLetter; error: string }[]): Promise<void> {
    try {
      await this.send([toDeadLetterMessage(this.app, letter, at, this.bounds)]);
      return;
    } catch (err) {
      if (isRetriable(err)) throw new DeadLetterPublishError(this.topic, 1, err);
    }
    // Smallest form: reason, source coordinates, length and digest of the original; no bytes.
    const message = toDeadLetterMessage(this.app, { ...letter, key: null, value: null }, at, this.bounds);
    const headers = message.headers as IHeaders;
    if (letter.value !== null) {
      headers[DEAD_LETTER_HEADERS.truncated] = 'true';
      headers[DEAD_LETTER_HEADERS.originalBytes] = String(letter.value.length);
      headers[DEAD_LETTER_HEADERS.originalSha256] = createHash('sha256').update(letter.value).digest('hex');
    }
    headers[DEAD_LETTER_HEADERS.detail] = String(headers[DEAD_LETTER_HEADERS.detail]).slice(0, 200);
    try {
      await this.send([message]);
    } catch (err) {
      if (isRetriable(err)) throw new DeadLetterPublishError(this.topic, 1, err);
      refused.push({ letter, error: (err as Error)?.message ?? String(err) });
    }
  }

  private async send(messages: Message[]): Promise<void> {
    await this.producer.send({ topic: this.topic, acks: -1, messages });
  }

  /** Consecutive runs within the byte and count bounds (a single oversized letter goes alone). */
  private *batches(letters: readonly DeadLetter[]): Generator<DeadLetter[]> {
    const { maxBatchBytes, maxBatchMessages, maxValueBytes, maxKeyBytes } = this.bounds;
    let batch: DeadLetter[] = [];
    let bytes = 0;
    for (const l of letters) {
      const size = Math.min(l.value?.length ?? 0, maxValueBytes) + Math.min(l.key?.length ?? 0, maxKeyBytes) + l.detail.length + 256;
      if (batch.length > 0 && (bytes + size > maxBatchBytes || batch.length >= maxBatchMessages)) {
        yield batch;
        batch = [];
        bytes = 0;
      }
      batch.push(l);
      bytes += size;
    }
    if (batch.length > 0) yield batch;
  }
}

/** The dead-letter topic could not be reached (broker down, leader moving): retry the flush. */
export class DeadLetterPublishError extends Error {
  override readonly name = 'DeadLetterPublishError';
  readonly retriable = true;
  constructor(
    readonly topic: string,
    readonly letters: number,
    override readonly cause: unknown,
  ) {
    super(`publishing ${letters} dead letters to ${topic} failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Broker answers that refuse the letters themselves: retrying the same bytes can never succeed. */
const LETTER_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'POLICY_VIOLATION']);

/**
 * Retriable unless the broker refused the letters (kafkajs' own `retriable` is false also after
 * retries against a broker that is down, so the refusal type, here or in the cause, decides).
 */
function isRetriable(err: unknown): boolean {
  for (let e = err as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string' && LETTER_REFUSALS.has(e.type)) return false;
  }
  return true;
}
