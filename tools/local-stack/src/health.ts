import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

/** Thrown by a probe to stop polling at once (e.g. the process died): retrying cannot help. */
export class FatalProbeError extends Error {}

/**
 * Retries `probe` until it resolves or `timeoutMs` passes; the timeout error carries the probe's last
 * error, which says why (connection refused, wrong answer, ...).
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  options: { timeoutMs: number; intervalMs?: number; description: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (error instanceof FatalProbeError) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`${options.description}: not ready after ${Math.round(options.timeoutMs / 1000)} s (last error: ${why})`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}

/** GET /ping must answer "Ok.". agent:false and Connection: close leave no idle keep-alive socket,
 *  which would delay a ClickHouse shutdown by up to 5 s. */
export function probeClickHouse(host: string, port: number, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: '/ping', agent: false, headers: { Connection: 'close' }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        res.statusCode === 200 && body.trim() === 'Ok.'
          ? resolve()
          : reject(new Error(`/ping answered ${res.statusCode} ${JSON.stringify(body.slice(0, 100))}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`/ping timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** The secure stack's Redis: TLS with the stack's CA, and an ACL user. */
export interface RedisProbeSecurity {
  ca: Buffer;
  username: string;
  password: string;
}

/**
 * Sends PING in RESP and expects +PONG; a raw socket avoids a client's reconnect loop. With
 * `security`, over TLS and after AUTH (whose +OK comes first).
 */
export function probeRedis(host: string, port: number, timeoutMs = 2000, security?: RedisProbeSecurity): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = security ? tls.connect({ host, port, ca: security.ca }) : net.connect({ host, port });
    const ready = security ? 'secureConnect' : 'connect';
    const auth = security ? `AUTH ${security.username} ${security.password}\r\n` : '';
    let reply = '';
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`PING timed out after ${timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on(ready, () => socket.write(`${auth}PING\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (security && reply.startsWith('+OK\r\n')) reply = reply.slice(5);
      if (!reply.includes('\r\n')) return;
      socket.end();
      if (reply.startsWith('+PONG')) resolve();
      else reject(new Error(`PING answered ${JSON.stringify(reply.trim())}`)); // e.g. -LOADING while replaying the AOF
    });
  });
}

/** Healthy = the broker answers a metadata request through kafkajs and lists at least one broker. */
export async function probeKafka(brokers: string[], timeoutMs = 5000, security: Pick<KafkaConfig, 'ssl' | 'sasl'> = {}): Promise<void> {
  const kafka = new Kafka({
    ...security,
    clientId: 'clickstream-stack-health',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 2000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('metadata lists no broker yet');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
