import { networkReason, StartupError } from './startup-error';
import { noneReachable, type Endpoint } from './tcp-reachability';

/** One dependency the app cannot start without, and what an operator changes to point at it. */
export interface Dependency {
  readonly service: string;
  readonly endpoints: readonly Endpoint[];
  /** What the error shows as the address (no credentials): '127.0.0.1:9092,127.0.0.1:9094'. */
  readonly address: string;
  /** The setting that moves it: '--brokers (env KAFKA_BROKERS)'. */
  readonly setting: string;
}

const LOCAL_HINT = 'start the local stack (npm run stack:up) or';

/**
 * Fails fast (one TCP connect per endpoint, `timeoutMs` at most, all dependencies at once) with a
 * StartupError naming the first unreachable dependency, before client libraries start retrying.
 */
export async function requireReachable(dependencies: readonly Dependency[], timeoutMs = 3_000): Promise<void> {
  const reasons = await Promise.all(dependencies.map((d) => noneReachable(d.endpoints, timeoutMs)));
  const index = reasons.findIndex((r) => r !== undefined);
  if (index < 0) return;
  const d = dependencies[index] as Dependency;
  throw new StartupError(d.service, d.address, `is unreachable (${reasons[index]})`, `${LOCAL_HINT} set ${d.setting}`);
}

/** Rethrows a failed connect of a reachable dependency (auth, protocol) with its name and setting. */
export function dependencyFailed(d: Omit<Dependency, 'endpoints'>, err: unknown): StartupError {
  return new StartupError(d.service, d.address, `refused to serve (${networkReason(err)})`, `check ${d.setting}`, { cause: err });
}

/** A listen() failure of the app's own HTTP server, with the setting that moves the port. */
export function listenFailed(service: string, host: string, port: number, setting: string, err: unknown): StartupError {
  const code = networkReason(err);
  const problem = code === 'EADDRINUSE' ? 'cannot listen: the port is taken' : `cannot listen (${code})`;
  return new StartupError(service, `${host}:${port}`, problem, `set ${setting} to a free port (0 = any free port)`, { cause: err });
}

/**
 * Bounds a client's connect at start-up (kafkajs retries for ~20 s by default): past `ms` the app
 * stops with the dependency's name rather than a retry log. A client's own rejection (kafkajs'
 * errors, socket errors) is named the same way; the app's own errors pass through as they are.
 */
export async function withStartupDeadline<T>(work: Promise<T>, d: Omit<Dependency, 'endpoints'>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StartupError(d.service, d.address, `did not answer within ${ms / 1000} s`, `check that it is healthy, or set ${d.setting}`)), ms);
  });
  try {
    return await Promise.race([work.catch((err: unknown) => Promise.reject(isClientError(err) ? dependencyFailed(d, err) : err)), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function isClientError(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown } | undefined;
  return !(err instanceof StartupError) && (typeof e?.code === 'string' || (typeof e?.name === 'string' && e.name.startsWith('KafkaJS')));
}
