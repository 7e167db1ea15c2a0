/**
 * How one summary is written to the terminal. On a TTY the summary redraws in place: cursor home,
 * each line overwritten and cleared to its end, then everything below cleared, so the screen
 * neither scrolls nor flickers (a full clear before every draw blinks). Lines are clipped to the
 * terminal's width and height, since a wrapped or scrolled line would shift the next redraw.
 * Elsewhere (a pipe, a log file, CI) each summary is appended as its own block.
 */
export interface TerminalSize {
  columns: number;
  rows: number;
}

const ESC = '\x1b[';
export const HIDE_CURSOR = `${ESC}?25l`;
export const SHOW_CURSOR = `${ESC}?25h`;

export function frameFor(text: string, terminal: TerminalSize | undefined, first: boolean): string {
  if (!terminal) return `${text}\n\n`;
  const width = Math.max(20, terminal.columns);
  const height = Math.max(1, terminal.rows - 1); // the last row stays free: writing there would scroll
  const lines = text.split('\n');
  const shown = lines.length > height ? [...lines.slice(0, height - 1), `... (${lines.length - height + 1} more lines: enlarge the terminal)`] : lines;
  const body = shown.map((line) => `${clip(line, width)}${ESC}K`).join('\n');
  return `${first ? `${ESC}2J` : ''}${ESC}H${body}\n${ESC}J`;
}

/** Cuts a line to `width` characters (the summary is plain ASCII plus page names). */
function clip(line: string, width: number): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}~`;
}
