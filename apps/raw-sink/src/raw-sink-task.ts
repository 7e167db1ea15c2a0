import { AvroClickEventSpans, AVRO_MAGIC_BYTE, decodeClickEvent, JsonClickEventSpans, type DecodeClickEventOptions } from '@clickstream/event-schema';
import type { ClickHouseEncodedRowsWriter } from '@clickstream/sinks';
import { ACCEPTED, type ConsumedRecord, type PartitionTask, type RecordOutcome, type TaskCut, type WriteReport } from '@clickstream/stream-runtime';
import { ClicksRawBlock } from './clicks-raw-block';
import type { RawSinkMetrics } from './raw-sink-metrics';

/** What both apps validate with (besides the clock): the same record gets the same verdict. */
export interface RawSinkValidation {
  readonly maxFutureSkewMs: number;
  readonly maxEventAgeMs: number;
}

/**
 * One partition of the raw sink: decode, buffer rows; a record it cannot use is a rejection the
 * runtime dead-letters. Stateless between cuts, so its checkpoint state is empty; what makes it
 * exactly-once is the range-derived dedup token on each insert (see stream-runtime).
 *
 * Rows are buffered as the insert's bytes (ClicksRawBlock). JSON of the producer's own shape and
 * Avro of the production schema are read in place (JsonClickEventSpans, AvroClickEventSpans: only
 * what is certainly valid) and their fields copied into the row; every other record goes through
 * `decodeClickEvent`, the one place that rejects.
 */
export class RawSinkTask implements PartitionTask {
  private block: ClicksRawBlock;
  /** Events buffered since the last cut, counted into the metric at the cut (not a metric call per event). */
  private accepted = 0;
  private recordTimestamp = 0;
  // "ts in the future" and "beyond retention" are judged against the record's Kafka timestamp
  // (broker time with LogAppendTime), not the wall clock, so a replay reaches the same verdict.
  private readonly decodeOptions: DecodeClickEventOptions;
  private readonly spans: JsonClickEventSpans;
  private readonly avroSpans: AvroClickEventSpans;

  constructor(
    private readonly batchSize: number,
    private readonly writer: ClickHouseEncodedRowsWriter,
    private readonly metrics: RawSinkMetrics,
    validation: RawSinkValidation,
  ) {
    // One set of rules for both paths: the fast path may only say yes where decodeClickEvent would.
    const rules = { maxFutureSkewMs: validation.maxFutureSkewMs, maxEventAgeMs: validation.maxEventAgeMs };
    this.decodeOptions = { ...rules, now: () => this.recordTimestamp };
    this.spans = new JsonClickEventSpans(rules);
    this.avroSpans = new AvroClickEventSpans(rules);
    this.block = new ClicksRawBlock();
  }

  process(record: ConsumedRecord): RecordOutcome {
    const value = record.value;
    if (value !== null && value[0] !== AVRO_MAGIC_BYTE && this.spans.read(value, record.timestamp)) {
      this.block.appendSpans(value, this.spans, record.partition, record.offset);
    } else if (value !== null && value[0] === AVRO_MAGIC_BYTE && this.avroSpans.read(value, record.timestamp)) {
      this.block.appendAvroSpans(value, this.avroSpans, record.partition, record.offset);
    } else {
      this.recordTimestamp = record.timestamp;
      const result = decodeClickEvent(value, this.decodeOptions);
      if (!result.ok) return result;
      this.block.appendEvent(result.event, record.partition, record.offset);
    }
    this.accepted++;
    return ACCEPTED;
  }

  wantsFlush(): boolean {
    return this.block.rowCount >= this.batchSize;
  }

  hasOutput(): boolean {
    return this.block.rowCount > 0;
  }

  cut(): TaskCut {
    const block = this.block;
    // The next block starts a quarter above this one's size: a steady rate fills it without regrowing.
    this.block = new ClicksRawBlock(block.byteLength + (block.byteLength >> 2));
    this.metrics.accepted.inc(this.accepted);
    this.accepted = 0;
    return {
      state: '',
      rows: block.rowCount,
      writes: [
        async (token): Promise<WriteReport> => {
          const outcome = await this.writer.insert(block, `${token}:clicks_raw`);
          this.metrics.inserted.inc(outcome.rows);
          if (outcome.rows > 0) this.metrics.insertLatency.observe(outcome.durationMs / 1000);
          return {
            refused: outcome.refused.map((r) => {
              const row = block.rowAt(r.index);
              return { table: 'clicks_raw', row, error: r.error, sourceOffset: row[8] };
            }),
          };
        },
      ],
    };
  }
}
