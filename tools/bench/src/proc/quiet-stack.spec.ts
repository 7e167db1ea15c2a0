import { endsQuiet, type StackCpuSample } from './quiet-stack';

/** Samples every 250 ms with the given CPU seconds used in each interval. */
function samples(perInterval: number[]): StackCpuSample[] {
  let cpuSeconds = 10;
  return [{ atMs: 0, cpuSeconds }, ...perInterval.map((used, i) => ({ atMs: 250 * (i + 1), cpuSeconds: (cpuSeconds += used) }))];
}

describe('endsQuiet', () => {
  it('is quiet when the last second used less than the bound, whatever came before', () => {
    expect(endsQuiet(samples([0.25, 0.25, 0.2, 0.003, 0.003, 0.003, 0.003]), 0.05, 1_000)).toBe(true);
  });

  it('is not quiet when the last second used more than the bound', () => {
    // 0.06 CPU seconds over one second: 6% of a core, spread or at once.
    expect(endsQuiet(samples([0.015, 0.015, 0.015, 0.015]), 0.05, 1_000)).toBe(false);
    expect(endsQuiet(samples([0, 0, 0, 0.06]), 0.05, 1_000)).toBe(false);
  });

  it('needs a whole window of samples before it can tell', () => {
    expect(endsQuiet([], 0.05, 1_000)).toBe(false);
    expect(endsQuiet(samples([0, 0, 0]), 0.05, 1_000)).toBe(false);
    expect(endsQuiet(samples([0, 0, 0, 0]), 0.05, 1_000)).toBe(true);
  });

  it('reads the window from the latest sample at least windowMs before the last', () => {
    // Busy until 1 s, idle from then: the window 0.25 s..1.25 s still holds busy time, 1 s..2 s does not.
    const s = samples([0.3, 0.3, 0.3, 0.3, 0, 0, 0, 0]);
    expect(endsQuiet(s.slice(0, 6), 0.05, 1_000)).toBe(false);
    expect(endsQuiet(s, 0.05, 1_000)).toBe(true);
  });
});
