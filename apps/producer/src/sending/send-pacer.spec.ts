import { SendPacer } from './send-pacer';

describe('SendPacer', () => {
  it('targets rate x elapsed, whatever the tick pattern', () => {
    const pacer = new SendPacer(10_000, 0, 1_000_000);
    expect(pacer.due(0, 0)).toBe(0);
    expect(pacer.due(1, 0)).toBe(10);
    expect(pacer.due(250, 10)).toBe(2_490);
    expect(pacer.due(1_000, 10_000)).toBe(0);
    expect(pacer.due(1_000, 9_000)).toBe(1_000);
  });

  it('caps catch-up bursts', () => {
    const pacer = new SendPacer(100_000, 0, 5_000);
    expect(pacer.due(10_000, 0)).toBe(5_000);
  });

  it('says how long to wait for the next event', () => {
    const pacer = new SendPacer(10, 0, 100);
    expect(pacer.waitMs(0, 0)).toBe(100);
    expect(pacer.waitMs(150, 1)).toBe(50);
    expect(pacer.waitMs(500, 1)).toBe(0);
  });
});
