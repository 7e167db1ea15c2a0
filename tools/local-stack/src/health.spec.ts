import http from 'node:http';
import net from 'node:net';
import { FatalProbeError, pollUntil, probeClickHouse, probeRedis } from './health';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

describe('pollUntil', () => {
  it('retries until the probe succeeds', async () => {
    let calls = 0;
    const value = await pollUntil(
      async () => {
        if (++calls < 3) throw new Error('not yet');
        return 'up';
      },
      { timeoutMs: 1000, intervalMs: 1, description: 'svc' },
    );
    expect(value).toBe('up');
  });

  it('fails after the timeout with the last error', async () => {
    await expect(
      pollUntil(() => Promise.reject(new Error('connection refused')), { timeoutMs: 30, intervalMs: 5, description: 'kafka' }),
    ).rejects.toThrow(/kafka: not ready after 0 s \(last error: connection refused\)/);
  });

  it('stops at once on a fatal error', async () => {
    let calls = 0;
    await expect(
      pollUntil(
        async () => {
          calls++;
          throw new FatalProbeError('process exited');
        },
        { timeoutMs: 5000, description: 'svc' },
      ),
    ).rejects.toThrow('process exited');
    expect(calls).toBe(1);
  });
});

describe('probes', () => {
  it('accepts a ClickHouse /ping that answers Ok. and rejects anything else', async () => {
    let answer = 'Ok.\n';
    const server = http.createServer((_req, res) => res.end(answer));
    const port = await listen(server);
    try {
      await expect(probeClickHouse('127.0.0.1', port)).resolves.toBeUndefined();
      answer = 'Not yet';
      await expect(probeClickHouse('127.0.0.1', port)).rejects.toThrow(/answered 200 "Not yet"/);
    } finally {
      server.close();
    }
  });

  it('speaks RESP PING to Redis', async () => {
    let reply = '+PONG\r\n';
    const server = net.createServer((socket) => socket.on('data', () => socket.end(reply)));
    const port = await listen(server);
    try {
      await expect(probeRedis('127.0.0.1', port)).resolves.toBeUndefined();
      reply = '-LOADING Redis is loading the dataset in memory\r\n';
      await expect(probeRedis('127.0.0.1', port)).rejects.toThrow(/LOADING/);
    } finally {
      server.close();
    }
  });

  it('reports a refused connection', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    await expect(probeRedis('127.0.0.1', port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
