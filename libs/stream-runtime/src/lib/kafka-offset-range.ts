import type { Kafka } from 'kafkajs';
import type { OffsetRangeOf } from './partition-claimer';

/** Low and high watermarks of one partition; asked only during a recovery, so a short-lived admin client will do. */
export function kafkaOffsetRange(kafka: Kafka): OffsetRangeOf {
  return async (ref) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(ref.topic);
      const p = offsets.find((o) => o.partition === ref.partition);
      if (p === undefined) throw new Error(`partition ${ref.partition} of ${ref.topic} not found in its metadata`);
      return { low: p.low, high: p.high };
    } finally {
      await admin.disconnect();
    }
  };
}
