import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real service, to inject outages: while `cut`, every open
 * connection is reset and new ones are reset on arrival, as when the service is down; `restore`
 * lets traffic through again. The listening port stays the same throughout.
 */
export class TcpFaultProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private down = false;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(target: string): Promise<TcpFaultProxy> {
    const url = new URL(target);
    const proxy = new TcpFaultProxy(url.hostname, Number(url.port));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The proxied address with the same scheme, e.g. http://127.0.0.1:41234 for ClickHouse. */
  urlFor(target: string): string {
    const url = new URL(target);
    url.port = String((this.server.address() as net.AddressInfo).port);
    return url.toString().replace(/\/$/, '');
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.resetAndDestroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  }
}
