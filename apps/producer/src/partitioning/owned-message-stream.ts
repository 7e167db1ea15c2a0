import type { ClickEvent } from '@clickstream/event-schema';
import type { Message } from 'kafkajs';
import { userIdOf, type TrafficGenerator } from '../traffic/traffic-generator';
import { createKeyPartitioner } from './key-partitioner';
import { ownerOfPartition } from './partition-ownership';

/** Above this many users, keys are not cached (memory: about 100 bytes per cached key). */
const MAX_CACHED_KEYS = 1_000_000;

export type MessageKey = 'user_id' | 'event_id' | 'none';

export interface OwnedMessageStreamOptions {
  readonly topic: string;
  readonly key: MessageKey;
  readonly partitionCount: number;
  readonly workers: number;
  readonly workerIndex: number;
  readonly encode: (event: ClickEvent) => Buffer;
}

/**
 * Walks the whole seeded stream and yields only the messages of this worker's partitions, with
 * the partition set explicitly. Events of other workers are drawn (so event i is the same in
 * every worker) but never built or encoded. Unkeyed events go round-robin by sequence number,
 * so they too are reproducible.
 */
export class OwnedMessageStream {
  private readonly partitionOfKey: (key: string) => number;
  /** Partition of each user's key, computed on first use (-1 = not yet). */
  private readonly userPartition: Int16Array;
  /** Each user's key as bytes, made on first use, so kafkajs does not encode the string per message. */
  private readonly userKey: (Buffer | undefined)[];

  constructor(
    private readonly generator: TrafficGenerator,
    userCount: number,
    private readonly options: OwnedMessageStreamOptions,
  ) {
    this.partitionOfKey = createKeyPartitioner(options.topic, options.partitionCount);
    this.userPartition = new Int16Array(options.key === 'user_id' ? userCount : 0).fill(-1);
    this.userKey = new Array<Buffer | undefined>(options.key === 'user_id' && userCount <= MAX_CACHED_KEYS ? userCount : 0);
  }

  /** Events of the whole stream walked so far (all workers' together). */
  get sequence(): number {
    return this.generator.produced;
  }

  /** Advances the stream by one event; returns its message when it is this worker's, else undefined. */
  step(): Message | undefined {
    const o = this.options;
    const g = this.generator;
    const index = g.produced;
    g.advance();
    if (o.key === 'user_id') {
      const partition = this.partitionOfUser(g.currentUser);
      if (ownerOfPartition(partition, o.workers) !== o.workerIndex) return undefined;
      const event = g.current();
      return { key: this.keyOfUser(g.currentUser, event.user_id), value: o.encode(event), partition };
    }
    if (o.key === 'none') {
      const partition = index % o.partitionCount;
      if (ownerOfPartition(partition, o.workers) !== o.workerIndex) return undefined;
      return { key: null, value: o.encode(g.current()), partition };
    }
    const event = g.current();
    const partition = this.partitionOfKey(event.event_id);
    if (ownerOfPartition(partition, o.workers) !== o.workerIndex) return undefined;
    return { key: event.event_id, value: o.encode(event), partition };
  }

  private keyOfUser(user: number, userId: string): Buffer | string {
    if (user >= this.userKey.length) return userId;
    let key = this.userKey[user];
    if (key === undefined) {
      key = Buffer.from(userId);
      this.userKey[user] = key;
    }
    return key;
  }

  private partitionOfUser(user: number): number {
    let partition = this.userPartition[user] as number;
    if (partition < 0) {
      partition = this.partitionOfKey(userIdOf(user));
      this.userPartition[user] = partition;
    }
    return partition;
  }
}
