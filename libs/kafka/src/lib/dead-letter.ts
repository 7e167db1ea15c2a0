import type { IHeaders, Message, Producer } from 'kafkajs';

/** Where a rejected record came from; also the DLQ key, so replays after a crash are recognisable. */
export interface SourceCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface DeadLetter {
  readonly source: SourceCoordinates;
  /** The original bytes, untouched: the record must be recoverable from the DLQ alone. */
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
} as const;

/** DLQ record key: `<app>/<topic>/<partition>/<offset>`; identical for a replayed rejection. */
export function deadLetterKey(app: string, source: SourceCoordinates): string {
  return `${app}/${source.topic}/${source.partition}/${source.offset}`;
}

export function toDeadLetterMessage(app: string, letter: DeadLetter, rejectedAt: Date): Message {
  const headers: IHeaders = {
    [DEAD_LETTER_HEADERS.reason]: letter.reason,
    [DEAD_LETTER_HEADERS.detail]: letter.detail.slice(0, 1_000),
    [DEAD_LETTER_HEADERS.app]: app,
    [DEAD_LETTER_HEADERS.sourceTopic]: letter.source.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(letter.source.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: letter.source.offset,
    [DEAD_LETTER_HEADERS.rejectedAt]: rejectedAt.toISOString(),
  };
  if (letter.key) headers[DEAD_LETTER_HEADERS.sourceKey] = letter.key;
  return { key: deadLetterKey(app, letter.source), value: letter.value, headers };
}

/**
 * Publishes rejected records with acks=all before the caller commits past them, so a crash can
 * duplicate a dead letter (same key) but never lose one.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly app: string,
    private readonly topic: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const at = this.now();
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map((l) => toDeadLetterMessage(this.app, l, at)),
    });
  }
}
