import { execFile } from 'node:child_process';
import net from 'node:net';
import { PortInUseError } from './stack-errors';

export interface PortClaim {
  port: number;
  /** The variable that moves this port, named in the error when it is taken. */
  envVar: string;
}

/** Binding is the only reliable test: a connect test misses listeners that do not accept. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Parses one `ss -ltnpH` line's users:(("name",pid=N,fd=M)) part. */
export function parseSsHolder(ssOutput: string): string | undefined {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(ssOutput);
  return m ? `${m[1]} (pid ${m[2]})` : undefined;
}

/** Who listens on a port, when `ss` can tell (needs the same user or root to show the process). */
export function findPortHolder(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('ss', ['-ltnpH', `sport = :${port}`], { timeout: 3000 }, (error, stdout) => {
      resolve(error ? undefined : parseSsHolder(stdout));
    });
  });
}

export async function assertPortsFree(service: string, host: string, claims: readonly PortClaim[]): Promise<void> {
  for (const claim of claims) {
    if (!(await isPortFree(host, claim.port))) {
      throw new PortInUseError(service, claim.port, claim.envVar, await findPortHolder(claim.port));
    }
  }
}
