import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { humanLogLine } from './human-log-line';

describe('createLogger', () => {
  it('writes one JSON object per line with level name, service and fields', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ service: 'aggregator', destination });
    logger.warn({ partition: 3 }, 'lagging');
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ level: 'warn', service: 'aggregator', partition: 3, msg: 'lagging' });
    expect(typeof entry.time).toBe('string');
  });
});

describe('humanLogLine', () => {
  it('prints time, level, service, message and fields on one line', () => {
    const line = humanLogLine(JSON.stringify({ level: 'warn', time: '2026-11-27T17:42:03.120Z', service: 'aggregator', msg: 'lagging', partition: 3, detail: 'two words' }), { colour: false, stacks: false });
    expect(line).toBe('17:42:03.120 WARN  aggregator: lagging partition=3 detail="two words"\n');
  });

  it("shows an error's message, and its stack only when asked (debug level)", () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' };
    expect(humanLogLine(JSON.stringify({ level: 'error', service: 's', msg: 'failed', err }), { colour: false, stacks: false })).toBe(' ERROR s: failed Error: boom\n');
    expect(humanLogLine(JSON.stringify({ level: 'debug', service: 's', msg: 'failed', err }), { colour: false, stacks: true })).toContain('at x');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(humanLogLine('plain', { colour: true, stacks: false })).toBe('plain\n');
  });
});
