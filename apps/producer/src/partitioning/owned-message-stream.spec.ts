import { decodeClickEvent, encodeClickEventAvro } from '@clickstream/event-schema';
import { Partitioners, type Message } from 'kafkajs';
import { TrafficGenerator } from '../traffic/traffic-generator';
import type { TrafficProfile } from '../traffic/traffic-profile';
import { OwnedMessageStream, type MessageKey } from './owned-message-stream';

const profile: TrafficProfile = {
  seed: 7,
  startTime: Date.UTC(2026, 0, 1),
  eventsPerSecond: 500,
  pageCount: 30,
  zipfExponent: 1.1,
  userCount: 300,
  sessionContinueProbability: 0.7,
  jitterMs: 1_000,
  lateRatio: 0.01,
  lateMinMs: 30_000,
  lateMaxMs: 60_000,
  spike: undefined,
};
const PARTITIONS = 4;
const EVENTS = 3_000;

/** What each worker of `workers` sends for the first EVENTS events, as partition -> values (hex). */
function sentPerPartition(workers: number, key: MessageKey): Map<number, string[]> {
  const perPartition = new Map<number, string[]>();
  for (let workerIndex = 0; workerIndex < workers; workerIndex++) {
    const stream = new OwnedMessageStream(new TrafficGenerator(profile), profile.userCount, {
      topic: 't',
      key,
      partitionCount: PARTITIONS,
      workers,
      workerIndex,
      encode: (e) => encodeClickEventAvro(e),
    });
    for (let i = 0; i < EVENTS; i++) {
      const message = stream.step();
      if (!message) continue;
      const list = perPartition.get(message.partition as number) ?? [];
      list.push((message.value as Buffer).toString('hex'));
      perPartition.set(message.partition as number, list);
    }
    expect(stream.sequence).toBe(EVENTS);
  }
  return perPartition;
}

function firstMessages(key: MessageKey, n: number): Message[] {
  const stream = new OwnedMessageStream(new TrafficGenerator(profile), profile.userCount, {
    topic: 't',
    key,
    partitionCount: PARTITIONS,
    workers: 1,
    workerIndex: 0,
    encode: (e) => encodeClickEventAvro(e),
  });
  return Array.from({ length: n }, () => stream.step() as Message);
}

describe('OwnedMessageStream', () => {
  it.each([2, 3, 4])('puts the same events in the same order on every partition with %i workers as with one', (workers) => {
    const one = sentPerPartition(1, 'user_id');
    const many = sentPerPartition(workers, 'user_id');
    expect([...many.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const [partition, values] of one) expect(many.get(partition)).toEqual(values);
    expect([...many.values()].reduce((n, v) => n + v.length, 0)).toBe(EVENTS);
  });

  it('sends each user_id to the partition kafkajs would choose, with the key as bytes', () => {
    const pick = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
    const events = new TrafficGenerator(profile);
    for (const message of firstMessages('user_id', 500)) {
      const event = events.next();
      expect(message.key).toEqual(Buffer.from(event.user_id));
      expect(message.partition).toBe(pick({ topic: 't', partitionMetadata, message: { key: event.user_id, value: null } }));
      const decoded = decodeClickEvent(message.value as Buffer);
      expect(decoded.ok && decoded.event.event_id).toBe(event.event_id);
    }
  });

  it('keys by event_id, or spreads unkeyed events round-robin by sequence', () => {
    const events = new TrafficGenerator(profile);
    for (const message of firstMessages('event_id', 50)) expect(message.key).toBe(events.next().event_id);
    expect(firstMessages('none', 8).map((m) => [m.key, m.partition])).toEqual(
      [0, 1, 2, 3, 0, 1, 2, 3].map((p) => [null, p]),
    );
  });
});
