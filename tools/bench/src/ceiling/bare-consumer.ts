// The ceiling: a kafkajs consumer that only reads a topic (no decoding, no state, no output), with
// the same fetch settings as the apps' consumer (libs/stream-runtime). Run as its own process so
// /proc gives its CPU alone. Counts messages in bench_bare_records_total on --metrics-port.
//   node --import tsx tools/bench/src/ceiling/bare-consumer.ts --brokers H:P --topic T --group-id G --metrics-port N
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { registerKafkaCodecs } from '@clickstream/kafka';
import { DEFAULT_FETCH_MAX_BYTES, DEFAULT_FETCH_MAX_BYTES_PER_PARTITION } from '@clickstream/stream-runtime';
import { Counter, Registry } from 'prom-client';

const { values } = parseArgs({
  options: { brokers: { type: 'string' }, topic: { type: 'string' }, 'group-id': { type: 'string' }, 'metrics-port': { type: 'string' } },
});
const { brokers, topic } = values;
const groupId = values['group-id'];
const metricsPort = Number(values['metrics-port']);
if (!brokers || !topic || !groupId || !Number.isInteger(metricsPort)) {
  console.error('usage: bare-consumer --brokers H:P --topic T --group-id G --metrics-port N');
  process.exit(2);
}

const registry = new Registry();
const records = new Counter({ name: 'bench_bare_records_total', help: 'Messages read', registers: [registry] });
const server = http.createServer((_req, res) => {
  void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
});
server.listen(metricsPort, '127.0.0.1');

// The apps read every codec (createKafkaClient); the ceiling must pay the same decompression.
registerKafkaCodecs();
const consumer = new Kafka({ clientId: groupId, brokers: brokers.split(','), logLevel: logLevel.WARN }).consumer({
  groupId,
  allowAutoTopicCreation: false,
  maxWaitTimeInMs: 100,
  // The apps' defaults (consumer-app-settings.ts: --fetch-max-bytes, --fetch-max-bytes-per-partition).
  maxBytes: DEFAULT_FETCH_MAX_BYTES,
  maxBytesPerPartition: DEFAULT_FETCH_MAX_BYTES_PER_PARTITION,
});

async function main(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topic: topic as string, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: true,
    partitionsConsumedConcurrently: 1,
    eachBatch: async ({ batch }) => {
      records.inc(batch.messages.length);
    },
  });
}

const stop = () => {
  server.close();
  void consumer.disconnect().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
main().catch((error: unknown) => {
  console.error(`bare-consumer: fatal: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
