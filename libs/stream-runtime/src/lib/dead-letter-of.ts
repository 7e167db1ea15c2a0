import type { DeadLetter } from '@clickstream/kafka';
import type { ConsumedRecord } from './partition-task';

/** A rejected record as a dead letter: original key and bytes, where it came from, why. */
export function deadLetterOf(topic: string, record: ConsumedRecord, reason: string, detail: string): DeadLetter {
  return {
    source: { topic, partition: record.partition, offset: record.offset },
    value: record.value,
    key: record.key,
    reason,
    detail,
  };
}
