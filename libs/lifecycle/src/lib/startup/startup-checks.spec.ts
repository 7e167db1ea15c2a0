import net from 'node:net';
import { fatalLine } from './fatal-exit';
import { listenFailed, requireReachable, withStartupDeadline } from './startup-checks';
import { StartupError } from './startup-error';
import { endpointOfHostPort, endpointOfUrl } from './tcp-reachability';

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up checks', () => {
  it('parses host:port, [v6]:port and URLs into endpoints', () => {
    expect(endpointOfHostPort('kafka-0:9094')).toEqual({ host: 'kafka-0', port: 9094 });
    expect(endpointOfHostPort('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
    expect(endpointOfUrl('redis://:secret@10.0.0.5/0', 6379)).toEqual({ host: '10.0.0.5', port: 6379 });
  });

  it('names the unreachable service, its address and the setting to change', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const up = (server.address() as net.AddressInfo).port;
    const down = await closedPort();
    try {
      await expect(
        requireReachable([
          { service: 'Kafka', endpoints: [{ host: '127.0.0.1', port: up }], address: `127.0.0.1:${up}`, setting: '--brokers (env KAFKA_BROKERS)' },
          { service: 'Redis', endpoints: [{ host: '127.0.0.1', port: down }], address: `127.0.0.1:${down}`, setting: '--redis-url (env REDIS_URL)' },
        ]),
      ).rejects.toThrow(`Redis at 127.0.0.1:${down} is unreachable (ECONNREFUSED): start the local stack (npm run stack:up) or set --redis-url (env REDIS_URL)`);
    } finally {
      server.close();
    }
  });

  it('turns a taken port into the setting that moves it', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const second = net.createServer();
    const err = await new Promise<Error>((resolve) => second.once('error', resolve).listen(port, '127.0.0.1'));
    server.close();
    expect(listenFailed('the metrics server', '127.0.0.1', port, '--metrics-port (env X_METRICS_PORT)', err).message).toBe(
      `the metrics server at 127.0.0.1:${port} cannot listen: the port is taken: set --metrics-port (env X_METRICS_PORT) to a free port (0 = any free port)`,
    );
  });

  it('bounds a connect that never ends, and names client errors but not the app’s own', async () => {
    const dep = { service: 'Kafka', address: 'k:9092', setting: '--brokers (env KAFKA_BROKERS)' };
    await expect(withStartupDeadline(new Promise(() => undefined), dep, 20)).rejects.toThrow('Kafka at k:9092 did not answer within 0.02 s');
    const kafkaError = Object.assign(new Error('SASL failed'), { name: 'KafkaJSSASLAuthenticationError' });
    await expect(withStartupDeadline(Promise.reject(kafkaError), dep)).rejects.toThrow('Kafka at k:9092 refused to serve (SASL failed)');
    const own = new Error('topic web.clicks not found');
    await expect(withStartupDeadline(Promise.reject(own), dep)).rejects.toBe(own);
  });

  it('prints one line without a stack trace unless debug', () => {
    const startup = new StartupError('Kafka', 'k:1', 'is unreachable (ECONNREFUSED)', 'set --brokers');
    expect(fatalLine('aggregator', startup, false)).toBe('aggregator: cannot start: Kafka at k:1 is unreachable (ECONNREFUSED): set --brokers');
    const other = new TypeError('bad\nthing');
    expect(fatalLine('producer', other, false)).toBe('producer: fatal: TypeError: bad thing (run with --log-level debug for the stack trace)');
    expect(fatalLine('producer', other, true)).toContain('at ');
  });
});
