import { decodeClickEvent, type DecodeClickEventOptions } from '@clickstream/event-schema';
import type { ClickHouseTableWriter } from '@clickstream/sinks';
import { ACCEPTED, type ConsumedRecord, type PartitionTask, type RecordOutcome, type TaskCut, type WriteReport } from '@clickstream/stream-runtime';
import type { RawSinkMetrics } from './raw-sink-metrics';

/** Column order of clicks_raw inserts (JSONCompactEachRow). */
export const CLICKS_RAW_COLUMNS = [
  'event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device', 'source_partition', 'source_offset',
] as const;

export type ClicksRawValues = [string, string, number, string, string, string, string, number, string];

/** What both apps validate with (besides the clock): the same record gets the same verdict. */
export interface RawSinkValidation {
  readonly maxFutureSkewMs: number;
  readonly maxEventAgeMs: number;
}

/**
 * One partition of the raw sink: decode, buffer rows; a record it cannot use is a rejection the
 * runtime dead-letters. Stateless between cuts, so its checkpoint state is empty; what makes it
 * exactly-once is the range-derived dedup token on each insert (see stream-runtime).
 */
export class RawSinkTask implements PartitionTask {
  private rows: ClicksRawValues[] = [];
  private recordTimestamp = 0;
  // "ts in the future" and "beyond retention" are judged against the record's Kafka timestamp
  // (broker time with LogAppendTime), not the wall clock, so a replay reaches the same verdict.
  private readonly decodeOptions: DecodeClickEventOptions;

  constructor(
    private readonly batchSize: number,
    private readonly writer: ClickHouseTableWriter<ClicksRawValues>,
    private readonly metrics: RawSinkMetrics,
    validation: RawSinkValidation,
  ) {
    this.decodeOptions = { now: () => this.recordTimestamp, maxFutureSkewMs: validation.maxFutureSkewMs, maxEventAgeMs: validation.maxEventAgeMs };
  }

  process(record: ConsumedRecord): RecordOutcome {
    this.recordTimestamp = record.timestamp;
    const result = decodeClickEvent(record.value, this.decodeOptions);
    if (!result.ok) return result;
    const e = result.event;
    this.metrics.accepted.inc();
    this.rows.push([e.event_id, e.user_id, e.ts, e.page, e.referrer, e.country, e.device, record.partition, record.offset]);
    return ACCEPTED;
  }

  wantsFlush(): boolean {
    return this.rows.length >= this.batchSize;
  }

  hasOutput(): boolean {
    return this.rows.length > 0;
  }

  cut(): TaskCut {
    const rows = this.rows;
    this.rows = [];
    return {
      state: '',
      rows: rows.length,
      writes: [
        async (token): Promise<WriteReport> => {
          const outcome = await this.writer.insert(rows, `${token}:clicks_raw`);
          this.metrics.inserted.inc(outcome.rows);
          if (outcome.rows > 0) this.metrics.insertLatency.observe(outcome.durationMs / 1000);
          return { refused: outcome.refused.map((r) => ({ table: 'clicks_raw', row: r.row, error: r.error, sourceOffset: r.row[8] })) };
        },
      ],
    };
  }
}
