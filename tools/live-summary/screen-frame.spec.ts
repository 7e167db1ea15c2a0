import { frameFor } from './screen-frame';

describe('frameFor', () => {
  it('appends plain blocks when the output is not a terminal', () => {
    expect(frameFor('a\nb', undefined, true)).toBe('a\nb\n\n');
    expect(frameFor('a\nb', undefined, false)).toBe('a\nb\n\n');
  });

  it('redraws in place on a terminal: home, lines cleared to their end, the rest cleared', () => {
    const frame = frameFor('one\ntwo', { columns: 80, rows: 24 }, false);
    expect(frame).toBe('\x1b[Hone\x1b[K\ntwo\x1b[K\n\x1b[J');
    expect(frame).not.toContain('\x1b[2J');
  });

  it('clears the screen once, on the first draw only', () => {
    expect(frameFor('x', { columns: 80, rows: 24 }, true).startsWith('\x1b[2J\x1b[H')).toBe(true);
  });

  it('clips lines to the width and the summary to the height, so nothing wraps or scrolls', () => {
    const frame = frameFor(['0123456789abcdefghijklmnop', 'l2', 'l3', 'l4', 'l5'].join('\n'), { columns: 20, rows: 4 }, false);
    const lines = frame.replace('\x1b[H', '').split('\n');
    expect(lines[0]).toBe('0123456789abcdefghi~\x1b[K');
    // 4 rows: 3 used (the last row stays free), the third says what was cut.
    expect(lines.slice(0, 3).map((l) => l.replace('\x1b[K', ''))).toEqual(['0123456789abcdefghi~', 'l2', '... (3 more lines: ~']);
    expect(lines).toHaveLength(4);
  });
});
