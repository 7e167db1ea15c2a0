import type { Admin } from 'kafkajs';
import type { PartitionSource } from './merged-totals-store';

/**
 * Partitions of the topic that hold records (high watermark above low). An empty partition has no
 * partials to wait for; one with records must publish its watermark before any window is final,
 * which also covers start-up (a partition that has not flushed yet holds scoring back).
 */
export class KafkaPartitionSource implements PartitionSource {
  constructor(
    private readonly admin: Admin,
    private readonly topic: string,
  ) {}

  async partitionsWithData(): Promise<number[]> {
    const offsets = await this.admin.fetchTopicOffsets(this.topic);
    return offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => o.partition);
  }
}
