import http from 'node:http';
import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import type { StackEndpoints } from './stack-endpoints';

function probeClickHouse(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/ping`, { agent: false, headers: { Connection: 'close' }, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => (body.trim() === 'Ok.' ? resolve() : reject(new Error(`/ping answered ${JSON.stringify(body)}`))));
    });
    req.on('timeout', () => req.destroy(new Error('/ping timed out')));
    req.on('error', reject);
  });
}

function probeRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(2000, () => socket.destroy(new Error('PING timed out')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      socket.end();
      if (chunk.toString('utf8').startsWith('+PONG')) resolve();
      else reject(new Error(`PING answered ${JSON.stringify(chunk.toString('utf8').trim())}`));
    });
  });
}

async function probeKafka(brokers: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'integration-testing-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  }).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** One quick check of all three services; lists what does not answer. */
export async function probeStack(endpoints: StackEndpoints): Promise<string[]> {
  const checks: [string, Promise<void>][] = [
    ['kafka', probeKafka(endpoints.kafkaBrokers)],
    ['clickhouse', probeClickHouse(endpoints.clickhouseUrl)],
    ['redis', probeRedis(endpoints.redisUrl)],
  ];
  const problems: string[] = [];
  for (const [name, check] of checks) {
    await check.catch((error: Error) => problems.push(`${name}: ${error.message}`));
  }
  return problems;
}
