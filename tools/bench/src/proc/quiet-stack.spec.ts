import { endsQuiet, otherCoresInLastWindow, QUIET_STACK_RULE, type StackCpuSample } from './quiet-stack';

/** Samples every 250 ms with the given stack CPU seconds used in each interval, and `other` more by other work. */
function samples(perInterval: number[], other = 0): StackCpuSample[] {
  let cpuSeconds = 10;
  let machineBusySeconds = 500;
  return [
    { atMs: 0, cpuSeconds, machineBusySeconds },
    ...perInterval.map((used, i) => ({ atMs: 250 * (i + 1), cpuSeconds: (cpuSeconds += used), machineBusySeconds: (machineBusySeconds += used + other) })),
  ];
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

describe('otherCoresInLastWindow', () => {
  it('is what every core did over the last window less the stack\'s part', () => {
    // 0.1 CPU seconds of other work per 250 ms: 0.4 cores.
    expect(otherCoresInLastWindow(samples([0.2, 0.2, 0.01, 0.01, 0.01, 0.01], 0.1), 1_000)).toBe(0.4);
    expect(otherCoresInLastWindow(samples([0.2, 0.2, 0.01, 0.01, 0.01, 0.01]), 1_000)).toBe(0);
  });

  it('is 0 before there is a whole window', () => {
    expect(otherCoresInLastWindow(samples([0.01, 0.01], 0.2), 1_000)).toBe(0);
  });
});

describe('QUIET_STACK_RULE', () => {
  it('states the thresholds waitForQuietStack uses', () => {
    expect(QUIET_STACK_RULE).toBe('below 5% of a core over 1 s, waited for up to 90 s');
  });
});
