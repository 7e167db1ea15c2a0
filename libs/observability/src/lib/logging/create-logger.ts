import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LevelWithSilent;
  /** Where JSON lines go; stdout by default (containers collect it). */
  readonly destination?: pino.DestinationStream;
}

/** Structured JSON logs: one object per line with time, level name, service and message. */
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
    options.destination ?? pino.destination({ sync: false }),
  );
}
