import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack } from '@clickstream/integration-testing';
import { CheckpointFencedError, CheckpointLostError } from './checkpoint-errors';
import { RedisCheckpointStore } from './redis-checkpoint-store';

jest.setTimeout(60_000);

describe('RedisCheckpointStore against real Redis', () => {
  let stack: LocalStack;
  let store: RedisCheckpointStore;
  const ref = { topic: 'web.clicks', partition: 2 };

  beforeAll(async () => {
    stack = await useLocalStack();
    store = new RedisCheckpointStore(stack.redis(), stack.redisKeyPrefix('it_ckpt').slice(0, -1), () => 1_700_000_000_000);
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('starts empty, then returns what was committed, with a new epoch per claim', async () => {
    const first = await store.claim(ref);
    expect(first).toMatchObject({ epoch: 1, offset: undefined, state: undefined, pending: undefined });
    await store.beginFlush(ref, first.epoch, { fromOffset: '0', toOffset: '100' });
    await store.commit(ref, first.epoch, '100', '{"windows":[]}');
    const second = await store.claim(ref);
    expect(second).toEqual({ ref, epoch: 2, offset: '100', state: '{"windows":[]}', pending: undefined, committedAt: 1_700_000_000_000 });
  });

  it('hands an announced but uncommitted flush to the next owner', async () => {
    const owner = await store.claim({ ...ref, partition: 3 });
    await store.beginFlush(owner.ref, owner.epoch, { fromOffset: '0', toOffset: '42' });
    const next = await store.claim(owner.ref);
    expect(next.pending).toEqual({ fromOffset: '0', toOffset: '42' });
    expect(next.offset).toBeUndefined();
  });

  it('fences a previous owner out of both announce and commit', async () => {
    const p = { ...ref, partition: 4 };
    const zombie = await store.claim(p);
    const current = await store.claim(p);
    await expect(store.beginFlush(p, zombie.epoch, { fromOffset: '0', toOffset: '5' })).rejects.toBeInstanceOf(CheckpointFencedError);
    await expect(store.commit(p, zombie.epoch, '5', 'zombie')).rejects.toBeInstanceOf(CheckpointFencedError);
    await store.commit(p, current.epoch, '7', 'current');
    const after = await store.claim(p);
    expect(after).toMatchObject({ offset: '7', state: 'current' });
  });

  it('tells a vanished checkpoint (lost) apart from a fence, and claims above a floor epoch', async () => {
    const p = { ...ref, partition: 5 };
    const owner = await store.claim(p);
    await stack.redis().del(store.keyOf(p)); // what a Redis restarted empty looks like to this key
    await expect(store.beginFlush(p, owner.epoch, { fromOffset: '0', toOffset: '5' })).rejects.toBeInstanceOf(CheckpointLostError);
    await expect(store.commit(p, owner.epoch, '5', 's')).rejects.toBeInstanceOf(CheckpointLostError);
    const recovered = await store.claim(p, 41);
    expect(recovered).toMatchObject({ epoch: 42, offset: undefined });
    expect((await store.claim(p, 3)).epoch).toBe(43);
  });
});
