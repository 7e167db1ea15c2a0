import type { Kafka } from 'kafkajs';

export interface TopicRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
  readonly headers: Record<string, string>;
}

/** Reads every record currently in `topic` (up to the high watermarks), per partition in offset order. */
export async function readWholeTopic(kafka: Kafka, topic: string, groupId: string): Promise<Map<number, TopicRecord[]>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const byPartition = new Map<number, TopicRecord[]>(ends.map((e) => [e.partition, []]));
  const remaining = new Set(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => e.partition));
  if (remaining.size === 0) return byPartition;
  const high = new Map(ends.map((e) => [e.partition, Number(e.high)]));

  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          const list = byPartition.get(batch.partition) as TopicRecord[];
          for (const m of batch.messages) {
            if (Number(m.offset) >= (high.get(batch.partition) ?? 0)) break;
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
            list.push({ partition: batch.partition, offset: m.offset, key: m.key, value: m.value, timestamp: Number(m.timestamp), headers });
          }
          const last = list[list.length - 1];
          if (last && Number(last.offset) >= (high.get(batch.partition) ?? 0) - 1) remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return byPartition;
}
