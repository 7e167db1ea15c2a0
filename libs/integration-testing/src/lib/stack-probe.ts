import http from 'node:http';
import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import tls from 'node:tls';
import type { StackEndpoints, StackSecurity } from './stack-endpoints';

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

function probeRedis(url: string, security?: StackSecurity['redis']): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = security ? tls.connect({ host: hostname, port: Number(port), ca: security.tls.ca }) : net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(2000, () => socket.destroy(new Error('PING timed out')));
    socket.on('error', reject);
    const auth = security ? `AUTH ${security.username} ${security.password}\r\n` : '';
    socket.on(security ? 'secureConnect' : 'connect', () => socket.write(`${auth}PING\r\n`));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (security && reply.startsWith('+OK\r\n')) reply = reply.slice(5);
      if (!reply.includes('\r\n')) return;
      socket.end();
      if (reply.startsWith('+PONG')) resolve();
      else reject(new Error(`PING answered ${JSON.stringify(reply.trim())}`));
    });
  });
}

async function probeKafka(brokers: string[], security: StackSecurity['kafka'] = {}): Promise<void> {
  const admin = new Kafka({
    ...security,
    clientId: 'integration-testing-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    // A TLS + SCRAM login (the secure stack) takes longer than a plaintext connect on a loaded machine.
    connectionTimeout: security.sasl ? 3000 : 1000,
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
    ['kafka', probeKafka(endpoints.kafkaBrokers, endpoints.security?.kafka)],
    ['clickhouse', probeClickHouse(endpoints.clickhouseUrl)],
    ['redis', probeRedis(endpoints.redisUrl, endpoints.security?.redis)],
  ];
  const problems: string[] = [];
  for (const [name, check] of checks) {
    await check.catch((error: Error) => problems.push(`${name}: ${error.message}`));
  }
  return problems;
}
