import type { DestinationStream } from 'pino';

const LEVEL_COLOUR: Record<string, string> = { debug: '\x1b[90m', info: '\x1b[32m', warn: '\x1b[33m', error: '\x1b[31m', fatal: '\x1b[35m' };
const RESET = '\x1b[0m';
const SKIP = new Set(['time', 'level', 'service', 'msg', 'err']);

/**
 * One JSON log line as a person reads it on a terminal:
 * `17:42:03.120 WARN  aggregator: lagging partition=3`, an error's message and (debug only) stack
 * below (with `stacks`, i.e. at debug level). Fields keep their JSON form, so nothing is lost against the machine-readable line.
 */
export function humanLogLine(json: string, style: { colour: boolean; stacks: boolean }): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return `${json}\n`;
  }
  const level = String(entry['level'] ?? 'info');
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const label = level.toUpperCase().padEnd(5);
  const fields = Object.entries(entry)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/[\s"=]/.test(v) ? v : JSON.stringify(v)}`);
  const err = entry['err'] as { type?: string; message?: string; stack?: string } | undefined;
  const errText = err ? ` ${err.type ?? 'Error'}: ${err.message ?? ''}${style.stacks && err.stack ? `\n${err.stack}` : ''}` : '';
  const head = style.colour ? `${LEVEL_COLOUR[level] ?? ''}${label}${RESET}` : label;
  return `${time} ${head} ${String(entry['service'] ?? '')}: ${String(entry['msg'] ?? '')}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}${errText}\n`;
}

/** A pino destination writing human lines to a terminal stream (synchronously: a TTY is slow anyway). */
export function humanLogStream(out: NodeJS.WriteStream, stacks: boolean): DestinationStream {
  const style = { colour: out.hasColors?.() ?? false, stacks };
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') out.write(humanLogLine(line, style));
    },
  };
}
