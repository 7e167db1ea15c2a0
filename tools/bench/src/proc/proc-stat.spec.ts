import { parseMachineBusyTicks, parsePeakRssBytes, parseProcStat, parseRssBytes } from './proc-stat';

describe('parseProcStat', () => {
  it('reads utime and stime after a command name holding spaces and parentheses', () => {
    const line = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 11 0 999 0 0';
    expect(parseProcStat(line)).toEqual({ userTicks: 1234, systemTicks: 56 });
  });

  it('throws on a line that is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc/);
  });

  it('throws when the line is cut before stime', () => {
    expect(() => parseProcStat('1 (a) S 1 2 3')).toThrow(/no utime/);
  });
});

describe('parsePeakRssBytes', () => {
  it('reads VmHWM and VmRSS in bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t  900 kB\nVmHWM:\t  552000 kB\nVmRSS:\t 1 kB\n';
    expect(parsePeakRssBytes(status)).toBe(552000 * 1024);
    expect(parseRssBytes(status)).toBe(1024);
  });

  it('is undefined without VmHWM (kernel threads)', () => {
    expect(parsePeakRssBytes('Name:\tkthreadd\n')).toBeUndefined();
  });
});

describe('parseMachineBusyTicks', () => {
  it('sums user, nice, system, irq, softirq and steal of the all-cores line, not idle or iowait', () => {
    const stat = 'cpu  2832202 569 325674 1157886 28720 0 17048 38850 0 0\ncpu0 1416101 284 162837 578943 14360 0 8524 19425 0 0\nintr 1 2 3\n';
    expect(parseMachineBusyTicks(stat)).toBe(2832202 + 569 + 325674 + 0 + 17048 + 38850);
  });

  it('refuses text without a cpu line', () => {
    expect(() => parseMachineBusyTicks('cpu0 1 2 3 4 5 6 7 8\n')).toThrow(/no cpu line/);
    expect(() => parseMachineBusyTicks('cpu  1 2 x 4 5 6 7 8\n')).toThrow(/not a \/proc\/stat cpu line/);
  });
});
