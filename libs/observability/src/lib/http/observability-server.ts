import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { evaluateReadiness, type ReadinessCheck } from './readiness';

export interface ObservabilityServerOptions {
  readonly host: string;
  /** 0 lets the OS choose (tests); read `port` after start. */
  readonly port: number;
  readonly registry: Registry;
  readonly readiness: readonly ReadinessCheck[];
}

/**
 * /healthz: the process is alive and its event loop answers (liveness, never checks dependencies,
 * so a slow ClickHouse does not get the app restarted). /readyz: every readiness check passes.
 * /metrics: Prometheus text format.
 */
export class ObservabilityServer {
  private server: Server | undefined;

  constructor(private readonly options: ObservabilityServerOptions) {}

  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('ObservabilityServer is not listening');
    return address.port;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed\n');
      if (path === '/healthz') return send(200, 'application/json', '{"status":"ok"}\n');
      if (path === '/readyz') {
        void evaluateReadiness(this.options.readiness).then((r) =>
          send(r.ready ? 200 : 503, 'application/json', JSON.stringify(r) + '\n'),
        );
        return;
      }
      if (path === '/metrics') {
        void this.options.registry.metrics().then(
          (text) => send(200, this.options.registry.contentType, text),
          (err: Error) => send(500, 'text/plain', `metrics failed: ${err.message}\n`),
        );
        return;
      }
      send(404, 'text/plain', 'not found\n');
    });
    // Probes are short; do not let idle keep-alive sockets hold shutdown open.
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
