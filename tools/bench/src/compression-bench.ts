// `npm run bench:compression`: the producer bundle at top speed with each --compression, on the
// running local stack (one run, so the figures compare as ratios): events/s, producer CPU per event,
// and bytes per event on the wire (the partitions' log segments: brokers keep the producer's batches
// as sent, compression.type=producer). Needs the producer bundle (npx nx build producer).
// Prints a markdown table for docs/benchmarks.md, "Compression codecs".
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { COMPRESSION_NAMES } from '@clickstream/kafka';
import { BenchFixture } from './fixture/bench-fixture';
import { stackEndpointsFrom } from './fixture/stack-endpoints';
import { BenchApps } from './run/bench-apps';
import { sleep } from './run/poll';
import { preloadStartTime } from './scenarios/producer-scenario';
import { parseProducerSummary } from './scenarios/producer-summary';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const EVENTS = Number(process.env['BENCH_COMPRESSION_EVENTS'] ?? 300_000);
const PARTITIONS = 4;

/** Bytes of the topic's log segments in the local stack's Kafka data dir. */
function topicLogBytes(topic: string): number {
  const stackDir = process.env['CLICKSTREAM_STACK_DIR'] || path.join(REPO_ROOT, '.stack');
  const logs = path.join(stackDir, 'data', 'kafka', 'kraft-logs');
  let bytes = 0;
  for (const dir of readdirSync(logs).filter((d) => d.startsWith(`${topic}-`))) {
    for (const file of readdirSync(path.join(logs, dir)).filter((f) => f.endsWith('.log'))) bytes += statSync(path.join(logs, dir, file)).size;
  }
  return bytes;
}

async function main(): Promise<void> {
  const id = `benchz_${Date.now().toString(36)}`;
  const logDir = path.join(REPO_ROOT, 'tmp', id);
  mkdirSync(logDir, { recursive: true });
  const fixture = await BenchFixture.create(id, stackEndpointsFrom(process.env));
  const apps = new BenchApps(REPO_ROOT, logDir);
  const rows: string[] = [];
  try {
    for (const format of ['avro', 'json'] as const) {
      for (const compression of COMPRESSION_NAMES) {
        const topic = await fixture.createTopic(`${format}_${compression}`, PARTITIONS);
        const { process: p } = await apps.start(`producer-${format}-${compression}`, 'producer', [
          '--topic', topic, '--brokers', fixture.endpoints.brokers, '--count', String(EVENTS), '--rate', '10000000',
          '--event-rate', '2000', '--start-time', preloadStartTime(), '--format', format, '--compression', compression, '--progress', 'off',
        ]);
        while (!p.hasExited) {
          p.usage();
          await sleep(100);
        }
        const summary = parseProducerSummary(p.log());
        if ((await p.exited) !== 0 || !summary || summary.failed > 0) throw new Error(`producer ${format}/${compression} failed; see ${p.logFile}`);
        const cpuUsPerEvent = (p.usage().cpuSeconds / summary.acked) * 1e6;
        const bytesPerEvent = topicLogBytes(topic) / summary.acked;
        rows.push(`| ${format} | ${compression} | ${summary.achievedRate.toLocaleString('en-US')} | ${cpuUsPerEvent.toFixed(2)} | ${bytesPerEvent.toFixed(1)} |`);
        process.stdout.write(`${rows.at(-1)}\n`);
      }
    }
  } finally {
    await apps.stopAll();
    await fixture.close();
  }
  process.stdout.write(`\n${EVENTS.toLocaleString('en-US')} events per run, ${PARTITIONS} partitions\n| format | compression | events/s | producer CPU µs/event | bytes/event on the wire |\n|---|---|---:|---:|---:|\n${rows.join('\n')}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
