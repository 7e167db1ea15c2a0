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

describe('dead letters never stall', () => {
  const bounds = { maxValueBytes: 100, maxKeyBytes: 10, maxBatchBytes: 2_000, maxBatchMessages: 5 };
  const at = new Date('2026-01-01T00:00:00Z');
  const big = { ...letter, value: Buffer.alloc(1_048_000, 0x7b), key: Buffer.alloc(50, 0x6b) };

  it('truncates an oversized value and key, keeping length and SHA-256 of the original', () => {
    const msg = toDeadLetterMessage('raw-sink', big, at, bounds);
    expect((msg.value as Buffer).length).toBe(100);
    expect((msg.headers as Record<string, Buffer>)[DEAD_LETTER_HEADERS.sourceKey]).toHaveLength(10);
    expect(msg.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.truncated]: 'true',
      [DEAD_LETTER_HEADERS.originalBytes]: '1048000',
      [DEAD_LETTER_HEADERS.originalSha256]: require('node:crypto').createHash('sha256').update(big.value).digest('hex'),
    });
    expect(toDeadLetterMessage('raw-sink', letter, at, bounds).headers).not.toHaveProperty(DEAD_LETTER_HEADERS.truncated);
  });

  it('splits a burst into requests within the byte and count bounds, in order', async () => {
    const send = jest.fn().mockResolvedValue([]);
    const publisher = new DeadLetterPublisher({ send } as unknown as Producer, 'raw-sink', 'dlq', () => at, bounds);
    const burst = Array.from({ length: 30_000 }, (_, i) => ({ ...letter, source: { ...letter.source, offset: String(i) } }));
    await expect(publisher.publish(burst)).resolves.toEqual({ published: 30_000, refused: [] });
    const sizes = send.mock.calls.map((c) => c[0].messages.length as number);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30_000);
    const keys = send.mock.calls.flatMap((c) => c[0].messages.map((m: { key: string }) => m.key));
    expect(keys[29_999]).toBe('raw-sink/web.clicks/2/29999');
  });

  it('retries a refused request letter by letter, then headers-only, and reports what is refused even then', async () => {
    const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE', retriable: false });
    // The broker refuses anything with a value; a headers-only letter goes through.
    const send = jest.fn(async (req: { messages: { value: Buffer | null }[] }) => {
      if (req.messages.some((m) => m.value !== null)) throw tooLarge;
      return [];
    });
    const publisher = new DeadLetterPublisher({ send } as unknown as Producer, 'raw-sink', 'dlq', () => at, bounds);
    await expect(publisher.publish([letter, big])).resolves.toEqual({ published: 2, refused: [] });
    const last = send.mock.calls.at(-1)?.[0].messages[0] as { value: null; headers: Record<string, string> };
    expect(last.value).toBeNull();
    expect(last.headers[DEAD_LETTER_HEADERS.originalBytes]).toBe('1048000');

    const refuseAll = jest.fn().mockRejectedValue(tooLarge);
    const stubborn = new DeadLetterPublisher({ send: refuseAll } as unknown as Producer, 'raw-sink', 'dlq', () => at, bounds);
    const report = await stubborn.publish([letter]);
    expect(report.published).toBe(0);
    expect(report.refused).toEqual([{ letter, error: 'too large' }]);
  });

  it('throws a retriable failure (broker down, retries exhausted) for the caller to retry, refusing nothing', async () => {
    const down = Object.assign(new Error('retries exceeded'), { retriable: false, cause: Object.assign(new Error('ECONNREFUSED'), { retriable: true }) });
    const publisher = new DeadLetterPublisher({ send: jest.fn().mockRejectedValue(down) } as unknown as Producer, 'raw-sink', 'dlq', () => at, bounds);
    await expect(publisher.publish([letter])).rejects.toMatchObject({ name: 'DeadLetterPublishError', retriable: true, cause: down });
  });
});
