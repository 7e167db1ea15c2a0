import type { Kafka } from 'kafkajs';

/** The topic is missing or has no partitions: the producer never creates topics itself. */
export class TopicNotFoundError extends Error {
  constructor(
    readonly topic: string,
    options?: { cause?: unknown },
  ) {
    super(`topic ${topic} not found or has no partitions (create it first, e.g. npm run stack:up)`, options);
    this.name = 'TopicNotFoundError';
  }
}

/** Partitions of `topic`, which decide how the send workers split the work. */
export async function fetchPartitionCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch((err: unknown) => {
      throw new TopicNotFoundError(topic, { cause: err });
    });
    const count = metadata.topics[0]?.partitions.length ?? 0;
    if (count === 0) throw new TopicNotFoundError(topic);
    return count;
  } finally {
    await admin.disconnect();
  }
}
