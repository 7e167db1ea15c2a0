import type { DeadLetter } from '@clickstream/kafka';
import type { ConsumedRecord, RecordRejection, RefusedOutput } from './partition-task';

/** The reason of every row a sink refused; the detail is the sink's own error. */
export const SINK_REFUSED_REASON = 'sink_refused';
/** The reason of a record the task threw on (a bug, not a rule): the detail is the error message. */
export const PROCESSING_ERROR_REASON = 'processing_error';

/** A rejected record as a dead letter: original key and bytes, where it came from, why. */
export function deadLetterOf(topic: string, record: ConsumedRecord, rejection: RecordRejection): DeadLetter {
  return {
    source: { topic, partition: record.partition, offset: record.offset },
    value: record.value,
    key: record.key,
    reason: rejection.reason,
    detail: rejection.detail,
  };
}

/** A refused output row as a dead letter: the row as JSON, the sink's error, its record or flush range. */
export function deadLetterOfRefusal(topic: string, partition: number, range: string, refused: RefusedOutput): DeadLetter {
  return {
    source: { topic, partition, offset: refused.sourceOffset ?? range },
    value: Buffer.from(JSON.stringify(refused.row) ?? 'null', 'utf8'),
    key: null,
    reason: SINK_REFUSED_REASON,
    detail: `${refused.table}: ${refused.error}`,
  };
}
