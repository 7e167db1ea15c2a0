import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { registerKafkaCodecs, skipUndecodableBatches } from './codecs/kafka-codecs';
import type { KafkaSecurity } from './kafka-security';

/** The subset of a structured logger kafkajs' logs are forwarded to. */
export interface KafkaLogSink {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: KafkaLogSink;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** TLS and SASL (kafka-security.ts); plaintext when absent. */
  readonly security?: KafkaSecurity;
  /**
   * Undecodable batches to pass, as `topic:partition:offset` (the apps' --skip-batches): each
   * reads as records without key or value. Throws a RangeError on a malformed entry.
   */
  readonly skipBatches?: readonly string[];
}

/**
 * kafkajs client whose logs become our JSON lines instead of its own console format, reading every
 * Kafka codec (registerKafkaCodecs).
 */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  registerKafkaCodecs();
  if (options.skipBatches?.length) {
    skipUndecodableBatches(options.skipBatches, (err) =>
      options.logger.warn({ err, location: err.location }, `passing ${err.message}, as --skip-batches says: its records read as empty records`),
    );
  }
  const { logger } = options;
  const logCreator = () => (entry: LogEntry) => {
    const { message, ...fields } = entry.log;
    const obj = { kafka: entry.namespace, ...fields };
    const msg = `kafkajs: ${message}`;
    if (entry.level === logLevel.ERROR) logger.error(obj, msg);
    else if (entry.level === logLevel.WARN) logger.warn(obj, msg);
    else if (entry.level === logLevel.INFO) logger.info(obj, msg);
    else logger.debug(obj, msg);
  };
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...options.security,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: logLevel.INFO,
    logCreator,
    // Retries stay bounded so a dead broker surfaces as an error the app can act on (pause, readiness).
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
  });
}
