import net from 'node:net';

/** `host:port`, `[v6]:port` or a URL's host and port. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export function endpointOfHostPort(hostPort: string): Endpoint {
  const i = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(hostPort.slice(i + 1)) };
}

export function endpointOfUrl(url: string, defaultPort: number): Endpoint {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: u.port === '' ? defaultPort : Number(u.port) };
}

/**
 * Opens and closes one TCP connection: resolves undefined when something listens, or the reason
 * (ECONNREFUSED, ENOTFOUND, 'no answer in 3000 ms') when not. Lets start-up fail in seconds with
 * the address, before a client library spends its whole retry budget on a dead endpoint.
 */
export function tcpUnreachableReason(endpoint: Endpoint, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const done = (reason: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no answer in ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

/** Resolves undefined when at least one endpoint answers, else the reason of each. */
export async function noneReachable(endpoints: readonly Endpoint[], timeoutMs: number): Promise<string | undefined> {
  const reasons = await Promise.all(endpoints.map((e) => tcpUnreachableReason(e, timeoutMs)));
  if (reasons.some((r) => r === undefined)) return undefined;
  return [...new Set(reasons)].join(', ');
}
