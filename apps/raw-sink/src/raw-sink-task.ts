import { decodeClickEvent, type DecodeClickEventOptions } from '@clickstream/event-schema';
import type { DeadLetter, DeadLetterPublisher } from '@clickstream/kafka';
import type { ClickHouseTableWriter } from '@clickstream/sinks';
import { deadLetterOf, type ConsumedRecord, type PartitionTask, type TaskCut } from '@clickstream/stream-runtime';
import type { RawSinkMetrics } from './raw-sink-metrics';

/** Column order of clicks_raw inserts (JSONCompactEachRow). */
export const CLICKS_RAW_COLUMNS = [
  'event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device', 'source_partition', 'source_offset',
] as const;

export type ClicksRawValues = [string, string, number, string, string, string, string, number, string];

/**
 * One partition of the raw sink: decode, route invalid records to dead letters, buffer rows.
 * Stateless between cuts, so its checkpoint state is empty; what makes it exactly-once is the
 * range-derived dedup token on each insert (see stream-runtime).
 */
export class RawSinkTask implements PartitionTask {
  private rows: ClicksRawValues[] = [];
  private letters: DeadLetter[] = [];
  private recordTimestamp = 0;
  // "ts in the future" is judged against the record's Kafka timestamp, not the wall clock, so a
  // replay reaches the same verdict as the first run.
  private readonly decodeOptions: DecodeClickEventOptions = { now: () => this.recordTimestamp };

  constructor(
    private readonly topic: string,
    private readonly batchSize: number,
    private readonly writer: ClickHouseTableWriter<ClicksRawValues>,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: RawSinkMetrics,
  ) {}

  process(record: ConsumedRecord): void {
    this.recordTimestamp = record.timestamp;
    const result = decodeClickEvent(record.value, this.decodeOptions);
    if (!result.ok) {
      this.metrics.rejected.inc({ reason: result.reason });
      this.letters.push(deadLetterOf(this.topic, record, result.reason, result.detail));
      return;
    }
    const e = result.event;
    this.metrics.accepted.inc();
    this.rows.push([e.event_id, e.user_id, e.ts, e.page, e.referrer, e.country, e.device, record.partition, record.offset]);
  }

  wantsFlush(): boolean {
    return this.rows.length >= this.batchSize;
  }

  hasOutput(): boolean {
    return this.rows.length > 0 || this.letters.length > 0;
  }

  cut(): TaskCut {
    const rows = this.rows;
    const letters = this.letters;
    this.rows = [];
    this.letters = [];
    return {
      state: '',
      rows: rows.length + letters.length,
      writes: [
        async (token) => {
          const outcome = await this.writer.insert(rows, `${token}:clicks_raw`);
          this.metrics.inserted.inc(outcome.rows);
          if (outcome.rows > 0) this.metrics.insertLatency.observe(outcome.durationMs / 1000);
        },
        async () => {
          await this.deadLetters.publish(letters);
          this.metrics.deadLettered.inc(letters.length);
        },
      ],
    };
  }
}
