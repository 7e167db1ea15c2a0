import { STACK_START_TIMEOUT_MS } from './start-local-stack';
import { LocalStack, useLocalStack } from './local-stack';
import { readStackEndpoints } from './stack-endpoints';

jest.setTimeout(60_000);

describe('local stack: Redis', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('sets and gets under a unique prefix', async () => {
    const redis = stack.redis();
    const prefix = stack.redisKeyPrefix('it_redis');
    await redis.set(`${prefix}greeting`, 'hello');
    expect(await redis.get(`${prefix}greeting`)).toBe('hello');
  });

  it('runs MULTI/EXEC atomically', async () => {
    const redis = stack.redis();
    const prefix = stack.redisKeyPrefix('it_multi');
    const results = await redis.multi().set(`${prefix}a`, '1').incr(`${prefix}a`).hset(`${prefix}h`, 'f', 'v').exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, 1],
    ]);
    expect(await redis.hget(`${prefix}h`, 'f')).toBe('v');
  });

  it('persists every write to the AOF before replying (the checkpoint store relies on it)', async () => {
    const redis = stack.redis();
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
  });

  it('deletes the keys under its prefixes on close()', async () => {
    const scoped = new LocalStack(readStackEndpoints());
    const prefix = scoped.redisKeyPrefix('it_cleanup');
    await scoped.redis().mset(`${prefix}1`, 'a', `${prefix}2`, 'b');
    await scoped.close();
    expect(await stack.redis().keys(`${prefix}*`)).toEqual([]);
  });
});
