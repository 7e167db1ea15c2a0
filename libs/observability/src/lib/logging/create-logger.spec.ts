import { Writable } from 'node:stream';
import { createLogger } from './create-logger';

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
