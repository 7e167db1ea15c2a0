import { EventEmitter } from 'node:events';
import { GracefulShutdown } from './graceful-shutdown';

const logger = { info: jest.fn(), error: jest.fn() };

function setup(stop: (reason: string) => Promise<void>, timeoutMs = 1_000) {
  const proc = new EventEmitter();
  const exits: number[] = [];
  const shutdown = new GracefulShutdown({
    logger,
    timeoutMs,
    stop,
    exit: (code) => exits.push(code),
    process: proc as unknown as NodeJS.Process,
  }).install();
  return { proc, exits, shutdown };
}

describe('GracefulShutdown', () => {
  it('runs stop once on SIGTERM and exits 0', async () => {
    const stop = jest.fn(async () => undefined);
    const { proc, exits, shutdown } = setup(stop);
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    await shutdown.trigger('again');
    expect(stop).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalledWith('SIGTERM');
    expect(exits).toEqual([0]);
  });

  it('stops cleanly and exits 1 when triggered by a fatal error', async () => {
    const stop = jest.fn(async () => undefined);
    const { exits, shutdown } = setup(stop);
    await shutdown.trigger('consumer crashed', 1);
    expect(stop).toHaveBeenCalledWith('consumer crashed');
    expect(exits).toEqual([1]);
  });

  it('exits 1 when stop fails', async () => {
    const { exits, shutdown } = setup(async () => {
      throw new Error('commit failed');
    });
    await shutdown.trigger('test');
    expect(exits).toEqual([1]);
  });

  it('exits 1 when stop exceeds the time bound', async () => {
    const { exits, shutdown } = setup(() => new Promise(() => undefined), 20);
    await shutdown.trigger('test');
    expect(exits).toEqual([1]);
  });

  it('keeps a listener while stopping so a second signal cannot kill the process', async () => {
    let release: () => void = () => undefined;
    const { proc, shutdown } = setup(() => new Promise<void>((r) => (release = r)));
    proc.emit('SIGINT');
    expect(shutdown.isStopping).toBe(true);
    expect(proc.listenerCount('SIGINT')).toBe(1);
    release();
    await shutdown.trigger('x');
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });
});
