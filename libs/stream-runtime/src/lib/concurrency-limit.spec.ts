import { ConcurrencyLimit } from './concurrency-limit';

/** A job that runs until released by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs up to the limit at once and starts the waiting ones in arrival order as slots free up', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const done = gates.map((g, i) => limit.run(async () => {
      started.push(i);
      await g.promise;
      return i;
    }));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limit.active).toBe(2);
    gates[1]?.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]?.open();
    gates[3]?.open();
    await expect(Promise.all(done)).resolves.toEqual([0, 1, 2, 3]);
    expect(limit.active).toBe(0);
  });

  it('a failing job frees its slot and its error reaches its caller only', async () => {
    const limit = new ConcurrencyLimit(1);
    const failed = limit.run(async () => {
      throw new Error('flush refused');
    });
    const next = limit.run(async () => 'ran');
    await expect(failed).rejects.toThrow('flush refused');
    await expect(next).resolves.toBe('ran');
    expect(limit.active).toBe(0);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(/positive integer/);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(/positive integer/);
  });
});
