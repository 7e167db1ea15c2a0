import { delayToAlignedStart } from './freshness-window';

const at = (second: number) => Date.UTC(2026, 0, 1, 12, 0, second);

describe('delayToAlignedStart', () => {
  it('starts at once when a window will close inside the run', () => {
    expect(delayToAlignedStart(at(50), 30, 10_000)).toBe(0);
  });

  it('waits until late enough in the minute for a short run', () => {
    // 30 s run: must start at second 43 or later.
    expect(delayToAlignedStart(at(10), 30, 10_000)).toBe(33_000);
  });

  it('waits for the next minute when too late in this one', () => {
    expect(delayToAlignedStart(at(58), 30, 10_000)).toBe(2_000 + 43_000);
  });

  it('aims for two closed windows when the run is long enough', () => {
    // 90 s run: two windows close if it starts at second 43 or later.
    expect(delayToAlignedStart(at(20), 90, 10_000)).toBe(23_000);
    expect(delayToAlignedStart(at(45), 90, 10_000)).toBe(0);
  });

  it('rejects a run too short to ever see a window close', () => {
    expect(() => delayToAlignedStart(at(0), 10, 10_000)).toThrow(RangeError);
  });
});
