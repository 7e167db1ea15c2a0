import net from 'node:net';
import { assertPortsFree, isPortFree, parseSsHolder } from './port-check';
import { PortInUseError } from './stack-errors';

function listenOnFreePort(): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port }));
  });
}

describe('port checks', () => {
  it('parses who holds a port from ss output', () => {
    const line = 'LISTEN 0 511 127.0.0.1:6379 0.0.0.0:* users:(("redis-server",pid=4242,fd=6))';
    expect(parseSsHolder(line)).toBe('redis-server (pid 4242)');
    expect(parseSsHolder('')).toBeUndefined();
  });

  it('tells a taken port from a free one', async () => {
    const { server, port } = await listenOnFreePort();
    expect(await isPortFree('127.0.0.1', port)).toBe(false);
    await new Promise((r) => server.close(r));
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
  });

  it('fails with the port, the variable to change it and the holder', async () => {
    const { server, port } = await listenOnFreePort();
    try {
      const check = assertPortsFree('redis', '127.0.0.1', [{ port, envVar: 'CLICKSTREAM_REDIS_PORT' }]);
      await expect(check).rejects.toBeInstanceOf(PortInUseError);
      await expect(check).rejects.toThrow(new RegExp(`port ${port} is already in use.*CLICKSTREAM_REDIS_PORT=<port>`));
      await expect(check).rejects.toThrow(new RegExp(`by node \\(pid ${process.pid}\\)|ss -ltnp`));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
