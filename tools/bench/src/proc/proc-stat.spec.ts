import { parsePeakRssBytes, parseProcStat, parseRssBytes } from './proc-stat';

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
