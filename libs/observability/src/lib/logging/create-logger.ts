import pino, { type Logger, type LevelWithSilent } from 'pino';
import { humanLogStream } from './human-log-line';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LevelWithSilent;
  /** Where JSON lines go; stdout by default (containers collect it), as human lines on a terminal. */
  readonly destination?: pino.DestinationStream;
}

/**
 * Structured JSON logs: one object per line with time, level name, service and message. On a
 * terminal (stdout is a TTY, LOG_FORMAT unset or 'pretty') the same entries print as human lines;
 * LOG_FORMAT=json forces JSON there too.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? defaultDestination(options.level === 'debug'),
  );
}

function defaultDestination(stacks: boolean): pino.DestinationStream {
  const format = process.env['LOG_FORMAT'];
  if (format !== 'json' && (format === 'pretty' || process.stdout.isTTY === true)) return humanLogStream(process.stdout, stacks);
  return pino.destination({ sync: false });
}
