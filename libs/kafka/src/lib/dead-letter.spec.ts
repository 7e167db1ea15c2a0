import type { Producer } from 'kafkajs';
import { DEAD_LETTER_HEADERS, DeadLetterPublisher, deadLetterKey, toDeadLetterMessage } from './dead-letter';

const letter = {
  source: { topic: 'web.clicks', partition: 2, offset: '41' },
  value: Buffer.from('{"oops"'),
  key: Buffer.from('u1'),
  reason: 'json_parse_error',
  detail: 'Unexpected end of JSON input',
};

describe('dead letters', () => {
  it('keeps the original bytes and says why and where', () => {
    const msg = toDeadLetterMessage('aggregator', letter, new Date('2026-01-01T00:00:00Z'));
    expect(msg.value).toBe(letter.value);
    expect(msg.key).toBe('aggregator/web.clicks/2/41');
    expect(msg.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reason]: 'json_parse_error',
      [DEAD_LETTER_HEADERS.sourcePartition]: '2',
      [DEAD_LETTER_HEADERS.sourceOffset]: '41',
      [DEAD_LETTER_HEADERS.sourceKey]: letter.key,
      [DEAD_LETTER_HEADERS.rejectedAt]: '2026-01-01T00:00:00.000Z',
    });
  });

  it('gives a replayed rejection the same key', () => {
    expect(deadLetterKey('raw-sink', letter.source)).toBe(deadLetterKey('raw-sink', { ...letter.source }));
    expect(deadLetterKey('raw-sink', letter.source)).not.toBe(deadLetterKey('aggregator', letter.source));
  });

  it('sends with acks=all and skips empty batches', async () => {
    const send = jest.fn().mockResolvedValue([]);
    const publisher = new DeadLetterPublisher({ send } as unknown as Producer, 'aggregator', 'web.clicks.dlq');
    await publisher.publish([]);
    expect(send).not.toHaveBeenCalled();
    await publisher.publish([letter, letter]);
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ topic: 'web.clicks.dlq', acks: -1 }));
    expect(send.mock.calls[0][0].messages).toHaveLength(2);
  });
});
