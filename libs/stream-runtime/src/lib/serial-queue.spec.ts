import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs jobs one at a time in submission order, even when one fails', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const a = queue.run(job('a', 20));
    const b = queue.run(job('b', 1, true));
    const c = queue.run(job('c', 1));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
