import type { ClickHouseClient } from '@clickhouse/client';
import type { Redis } from 'ioredis';
import { OperationError } from '../operations-error';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface QuiescenceOptions {
  /** Redis resumes writes by itself after this long, even if this process dies. */
  readonly maxPauseMs: number;
  /** How long no insert into the database may run before it counts as quiet. */
  readonly quietMs: number;
}

/**
 * Holds every app's flushes at a flush boundary while `work` runs, so a backup sees each partition
 * either before a flush or after all of its writes: Redis `CLIENT PAUSE WRITE` blocks the next
 * announce (a flush writes nothing to ClickHouse before announcing in Redis) and the commit of a
 * flush in progress (after its writes); then we wait until no insert into the database is running.
 * Reads go on; the apps wait (backpressure) and resume when the pause ends.
 */
export async function withWritesQuiesced<T>(
  redis: Redis,
  clickhouse: ClickHouseClient,
  database: string,
  options: QuiescenceOptions,
  work: () => Promise<T>,
): Promise<{ result: T; pausedMs: number }> {
  const pausedAt = Date.now();
  await redis.call('CLIENT', 'PAUSE', String(options.maxPauseMs), 'WRITE');
  try {
    await waitForNoInserts(clickhouse, database, options.quietMs, pausedAt + options.maxPauseMs / 2);
    const result = await work();
    const pausedMs = Date.now() - pausedAt;
    if (pausedMs >= options.maxPauseMs) {
      throw new OperationError(
        `the backup took ${pausedMs} ms, longer than the write pause (${options.maxPauseMs} ms): apps may have flushed during it, so it is not consistent. Retry with a larger --max-pause-ms`,
      );
    }
    return { result, pausedMs };
  } finally {
    await redis.call('CLIENT', 'UNPAUSE').catch(() => undefined);
  }
}

async function waitForNoInserts(clickhouse: ClickHouseClient, database: string, quietMs: number, deadline: number): Promise<void> {
  let quietSince = Date.now();
  for (;;) {
    const result = await clickhouse.query({
      query: `SELECT count() AS n FROM system.processes WHERE current_database = {db:String} AND query_kind = 'Insert'`,
      query_params: { db: database },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string | number }>();
    const now = Date.now();
    if (Number(row?.n ?? 0) > 0) quietSince = now;
    else if (now - quietSince >= quietMs) return;
    if (now > deadline) {
      throw new OperationError(`inserts into ${database} kept running while the apps' writes were paused; nothing was backed up. Retry`);
    }
    await sleep(50);
  }
}
