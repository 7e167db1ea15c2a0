import { CheckpointFencedError, CheckpointLostError } from './checkpoint-errors';
import type { CheckpointLedger } from './checkpoint-ledger';
import { CheckpointedFlusher, flushToken } from './checkpointed-flush';
import type { RedisCheckpointStore } from './redis-checkpoint-store';

const ref = { topic: 'web.clicks', partition: 3 };

function fakeStore(overrides: Partial<Record<'beginFlush' | 'commit', jest.Mock>> = {}) {
  const calls: string[] = [];
  const store = {
    beginFlush: overrides.beginFlush ?? jest.fn(async () => void calls.push('begin')),
    commit: overrides.commit ?? jest.fn(async () => void calls.push('commit')),
  };
  return { store: store as unknown as RedisCheckpointStore, calls, raw: store };
}

const policy = (onRetry = jest.fn()) => ({ startingDelayMs: 1, maxDelayMs: 2, onRetry, shouldGiveUp: () => false });

describe('CheckpointedFlusher', () => {
  it('announces, writes with a range token, then commits, in that order', async () => {
    const { store, calls } = fakeStore();
    const tokens: string[] = [];
    const flusher = new CheckpointedFlusher(store, 'agg:g1', policy());
    await flusher.flush({
      ref,
      epoch: 7,
      fromOffset: '100',
      toOffset: '250',
      state: '{}',
      writes: [async (t) => void (calls.push('write'), tokens.push(t))],
    });
    expect(calls).toEqual(['begin', 'write', 'commit']);
    expect(tokens).toEqual(['agg:g1:web.clicks:3:100-250']);
  });

  it('gives the same token to the same range, a different one to another range', () => {
    const a = flushToken('ns', { ref, fromOffset: '1', toOffset: '9' });
    expect(flushToken('ns', { ref: { ...ref }, fromOffset: '1', toOffset: '9' })).toBe(a);
    expect(flushToken('ns', { ref, fromOffset: '1', toOffset: '10' })).not.toBe(a);
  });

  it('retries a failed write and never commits before every write succeeded', async () => {
    const { store, calls } = fakeStore();
    const onRetry = jest.fn();
    let failures = 2;
    const outcome = await new CheckpointedFlusher(store, 'ns', policy(onRetry)).flush({
      ref,
      epoch: 1,
      fromOffset: '0',
      toOffset: '5',
      state: 's',
      writes: [
        async () => {
          calls.push('write');
          if (failures-- > 0) throw new Error('ClickHouse down');
        },
      ],
    });
    expect(outcome.attempts).toBe(3);
    expect(onRetry).toHaveBeenCalledTimes(2);
    expect(calls).toEqual(['begin', 'write', 'begin', 'write', 'begin', 'write', 'commit']);
  });

  it('stops at once when fenced, without writing', async () => {
    const write = jest.fn();
    const { store } = fakeStore({ beginFlush: jest.fn().mockRejectedValue(new CheckpointFencedError(ref, 1, 'beginFlush')) });
    await expect(
      new CheckpointedFlusher(store, 'ns', policy()).flush({ ref, epoch: 1, fromOffset: '0', toOffset: '1', state: '', writes: [write] }),
    ).rejects.toBeInstanceOf(CheckpointFencedError);
    expect(write).not.toHaveBeenCalled();
  });

  it('gives up when asked to (shutdown) and surfaces the last error', async () => {
    const { store } = fakeStore();
    const flusher = new CheckpointedFlusher(store, 'ns', { startingDelayMs: 1, maxDelayMs: 1, onRetry: jest.fn(), shouldGiveUp: () => true });
    await expect(
      flusher.flush({ ref, epoch: 1, fromOffset: '0', toOffset: '1', state: '', writes: [() => Promise.reject(new Error('down'))] }),
    ).rejects.toThrow('down');
  });

  it('records the range in the ledger before the writes and the snapshot after them, both under the range token', async () => {
    const { store, calls } = fakeStore();
    const tokens: string[] = [];
    const ledger: CheckpointLedger = {
      recordRange: async (r, t) => void (calls.push(`range ${r.fromOffset}-${r.toOffset}@${r.epoch}`), tokens.push(t)),
      recordSnapshot: async (s, t) => void (calls.push(`snapshot ${s.offset}=${s.state}`), tokens.push(t)),
      recoveryPoint: async () => undefined,
    };
    const flusher = new CheckpointedFlusher(store, 'ns', policy(), ledger);
    const unit = { ref, epoch: 2, fromOffset: '10', toOffset: '20', state: 'S', writes: [async () => void calls.push('write')] };
    await flusher.flush({ ...unit, snapshot: true });
    await flusher.flush({ ...unit, fromOffset: '20', toOffset: '30' });
    expect(calls).toEqual(['begin', 'range 10-20@2', 'write', 'snapshot 20=S', 'commit', 'begin', 'range 20-30@2', 'write', 'commit']);
    expect(tokens).toEqual(['ns:web.clicks:3:10-20:ledger', 'ns:web.clicks:3:10-20:snapshot', 'ns:web.clicks:3:20-30:ledger']);
  });

  it('does not retry when the checkpoint is lost: the caller recovers the partition', async () => {
    const onRetry = jest.fn();
    const { store } = fakeStore({ commit: jest.fn().mockRejectedValue(new CheckpointLostError(ref, 1, 'commit')) });
    await expect(
      new CheckpointedFlusher(store, 'ns', policy(onRetry)).flush({ ref, epoch: 1, fromOffset: '0', toOffset: '1', state: '', writes: [] }),
    ).rejects.toBeInstanceOf(CheckpointLostError);
    expect(onRetry).not.toHaveBeenCalled();
  });
});
