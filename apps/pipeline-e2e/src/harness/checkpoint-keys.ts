import type { Redis } from 'ioredis';

/**
 * Deletes the Redis checkpoint keys of a scenario's consumer groups (both apps): to the apps this
 * is exactly a Redis restarted empty, without touching anyone else's keys on the shared Redis.
 * Returns how many keys were deleted.
 */
export async function deleteCheckpointKeys(redis: Redis, groupSuffix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: `clickstream:*:*-${groupSuffix}:checkpoint:*`, count: 500 })) {
    if ((keys as string[]).length > 0) deleted += await redis.del(...(keys as string[]));
  }
  return deleted;
}
