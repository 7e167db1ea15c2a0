import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

/** Records for a command-line producer: one per line, key and value split by a tab. */
export interface KeyedLine {
  readonly key: string;
  readonly value: string;
}

export interface ThirdPartyProduceOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  /** As Kafka's compression.type: gzip, snappy, lz4 or zstd. */
  readonly compression: 'gzip' | 'snappy' | 'lz4' | 'zstd';
  readonly records: readonly KeyedLine[];
}

const TIMEOUT_MS = 120_000;

/** kcat (librdkafka), the Debian package tools/scripts/ensure-system-deps.sh installs. */
export function produceWithKcat(o: ThirdPartyProduceOptions): Promise<void> {
  return runProducer('kcat', ['-P', '-b', o.brokers.join(','), '-t', o.topic, '-z', o.compression, '-K', '\t'], o.records, 'bash tools/scripts/ensure-system-deps.sh installs kcat');
}

/**
 * Apache Kafka's own console producer (the Java client), from the jars the local stack runs the
 * broker with. `linger.ms` lets it batch lines as a real producer does.
 */
export function produceWithJavaConsoleProducer(o: ThirdPartyProduceOptions): Promise<void> {
  const args = [
    '-Dlog4j.configuration=file:/dev/null', '-cp', `${kafkaLibsDir()}/*`, 'kafka.tools.ConsoleProducer',
    '--bootstrap-server', o.brokers.join(','), '--topic', o.topic,
    '--producer-property', `compression.type=${o.compression}`, '--producer-property', 'linger.ms=50',
    '--property', 'parse.key=true', '--property', 'key.separator=\t',
  ];
  return runProducer('java', args, o.records, 'bash tools/scripts/ensure-system-deps.sh installs java');
}

/** The local stack's Kafka jars (.stack/cache/kafka-<version>/libs, or under CLICKSTREAM_STACK_DIR). */
export function kafkaLibsDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = path.join(env['CLICKSTREAM_STACK_DIR'] || path.join(findWorkspaceRoot(), '.stack'), 'cache');
  const versions = existsSync(cache) ? readdirSync(cache).filter((d) => d.startsWith('kafka-') && existsSync(path.join(cache, d, '.complete'))) : [];
  const newest = versions.sort().at(-1);
  if (!newest) throw new Error(`no Kafka jars in ${cache}: run bash tools/scripts/ensure-kafka.sh (npm run stack:up does)`);
  return path.join(cache, newest, 'libs');
}

function runProducer(command: string, args: string[], records: readonly KeyedLine[], install: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: TIMEOUT_MS });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.once('error', (err) => reject(new Error(`${command} could not run (${err.message}): ${install}`)));
    child.once('exit', (code, signal) => {
      // kcat reports failed deliveries on stderr ("% Delivery failed ...") and still exits 0.
      if (code === 0 && !/Delivery failed|ERROR/.test(stderr)) resolve();
      else reject(new Error(`${command} exited ${code ?? signal}:\n${stderr}`));
    });
    child.stdin.end(records.map((r) => `${r.key}\t${r.value}\n`).join(''));
  });
}
