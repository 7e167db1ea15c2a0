import { ensureTopics, type TopicAdmin } from './ensure-topics';
import { TopicPartitionCountError } from './schema-bootstrap-errors';

function fakeAdmin(existing: Record<string, number>) {
  const admin = {
    listTopics: jest.fn(async () => Object.keys(existing)),
    createTopics: jest.fn(async () => true),
    fetchTopicMetadata: jest.fn(async ({ topics }: { topics: string[] }) => ({
      topics: topics.map((name) => ({
        name,
        partitions: Array.from({ length: existing[name] ?? 0 }, (_, i) => ({ partitionId: i })),
      })),
    })),
    createPartitions: jest.fn(async () => true),
  };
  return { admin, asAdmin: admin as unknown as TopicAdmin };
}

describe('ensureTopics', () => {
  it('creates only the missing topics, with replication factor 1 by default', async () => {
    const { admin, asAdmin } = fakeAdmin({ 'web.clicks': 4 });
    const result = await ensureTopics(asAdmin, [
      { topic: 'web.clicks', numPartitions: 4 },
      { topic: 'web.clicks.dlq', numPartitions: 1, configEntries: { 'retention.ms': '1000' } },
    ]);
    expect(result).toEqual({ created: ['web.clicks.dlq'], unchanged: ['web.clicks'], increased: [] });
    expect(admin.createTopics).toHaveBeenCalledWith({
      waitForLeaders: true,
      topics: [
        {
          topic: 'web.clicks.dlq',
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [{ name: 'retention.ms', value: '1000' }],
        },
      ],
    });
  });

  it('leaves a topic with more partitions than asked alone', async () => {
    const { admin, asAdmin } = fakeAdmin({ t: 8 });
    expect(await ensureTopics(asAdmin, [{ topic: 't', numPartitions: 4 }])).toMatchObject({ unchanged: ['t'] });
    expect(admin.createPartitions).not.toHaveBeenCalled();
  });

  it('fails on fewer partitions than asked by default', async () => {
    const { asAdmin } = fakeAdmin({ t: 2 });
    const run = ensureTopics(asAdmin, [{ topic: 't', numPartitions: 4 }]);
    await expect(run).rejects.toBeInstanceOf(TopicPartitionCountError);
    await expect(run).rejects.toMatchObject({ existingPartitions: 2, wantedPartitions: 4 });
  });

  it('adds partitions when asked to', async () => {
    const { admin, asAdmin } = fakeAdmin({ t: 2 });
    const result = await ensureTopics(asAdmin, [{ topic: 't', numPartitions: 4 }], { onFewerPartitions: 'increase' });
    expect(result.increased).toEqual(['t']);
    expect(admin.createPartitions).toHaveBeenCalledWith({ topicPartitions: [{ topic: 't', count: 4 }] });
  });

  it('waits for the leaders itself when kafkajs gives up on a topic the broker does not show yet', async () => {
    const { admin, asAdmin } = fakeAdmin({});
    const unknown = Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    admin.createTopics.mockRejectedValueOnce(unknown);
    let calls = 0;
    admin.fetchTopicMetadata.mockImplementation(async ({ topics }: { topics: string[] }) => {
      calls++;
      if (calls === 1) throw unknown;
      return { topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: calls >= 3 ? 1 : -1 }] })) };
    });
    expect(await ensureTopics(asAdmin, [{ topic: 't', numPartitions: 1 }])).toEqual({ created: ['t'], unchanged: [], increased: [] });
    expect(calls).toBe(3);
  });

  it('passes other errors of topic creation on, and gives up waiting at the deadline', async () => {
    const { admin, asAdmin } = fakeAdmin({});
    admin.createTopics.mockRejectedValueOnce(Object.assign(new Error('denied'), { type: 'TOPIC_AUTHORIZATION_FAILED' }));
    await expect(ensureTopics(asAdmin, [{ topic: 't', numPartitions: 1 }])).rejects.toThrow('denied');
    const unknown = Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    admin.createTopics.mockRejectedValueOnce(unknown);
    admin.fetchTopicMetadata.mockImplementation(async () => {
      throw unknown;
    });
    await expect(ensureTopics(asAdmin, [{ topic: 't', numPartitions: 1 }], { leaderTimeoutMs: 250 })).rejects.toBe(unknown);
  });
});
