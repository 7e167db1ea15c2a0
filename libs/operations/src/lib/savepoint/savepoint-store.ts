import type { Redis } from 'ioredis';
import { scanKeys } from '../backup/rt-restore';
import { OperationError } from '../operations-error';
import type { SavepointFile, SavepointPartition, SavepointScope } from './savepoint-file';

const FIELDS = ['epoch', 'offset', 'state', 'pendingFrom', 'pendingTo', 'committedAt'] as const;
const keyPrefix = (namespace: string) => `clickstream:${namespace}:checkpoint:`;

/** Reads every partition checkpoint of the scope's group from Redis into a savepoint. */
export async function exportSavepoint(redis: Redis, scope: SavepointScope, now = new Date()): Promise<SavepointFile> {
  const prefix = keyPrefix(scope.namespace);
  const keys = await scanKeys(redis, `${prefix}*`);
  if (keys.length === 0) {
    throw new OperationError(`Redis has no checkpoints of ${scope.namespace}: check --group-id and --redis-url (has the app run against this Redis?)`);
  }
  const partitions: SavepointPartition[] = [];
  for (const key of keys) {
    const values = await redis.hmget(key, ...FIELDS);
    const rest = key.slice(prefix.length);
    const cut = rest.lastIndexOf(':');
    const entry: Record<string, string | number> = { topic: rest.slice(0, cut), partition: Number(rest.slice(cut + 1)) };
    FIELDS.forEach((f, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) entry[f] = v;
    });
    partitions.push(entry as unknown as SavepointPartition);
  }
  return { format: 'clickstream-savepoint', version: 1, app: scope.app, namespace: scope.namespace, exportedAt: now.toISOString(), fingerprint: { ...scope.fingerprint }, partitions };
}

const LEGACY_STATE_VERSION_KEY = 'stateVersion';

/**
 * Every reason the savepoint does not fit the app it is imported into: another app, other settings
 * that shape the state (window size, watermark bound, ...), a state schema the app does not read.
 */
export function savepointMismatches(file: SavepointFile, scope: SavepointScope): string[] {
  if (file.format !== 'clickstream-savepoint' || file.version !== 1) return [`not a Clickstream savepoint (format ${String(file.format)} version ${String(file.version)})`];
  // Another app's settings differ anyway: its name is the one reason worth reading.
  if (file.app !== scope.app) return [`it is a savepoint of the ${file.app}, not of the ${scope.app}`];
  const problems: string[] = [];
  const keys = new Set([...Object.keys(file.fingerprint), ...Object.keys(scope.fingerprint)]);
  // Savepoints of state v1 carry its version in their fingerprint; the partitions' own `v` is what is checked.
  keys.delete(LEGACY_STATE_VERSION_KEY);
  for (const k of [...keys].sort()) {
    const saved = file.fingerprint[k];
    const current = scope.fingerprint[k];
    if (String(saved) !== String(current)) problems.push(`${k} is ${String(current)} here but the state was built with ${String(saved)}`);
  }
  for (const p of file.partitions) {
    const v = stateVersionOf(p.state);
    if (p.state && (v === undefined || !(scope.stateVersions ?? []).includes(v))) {
      const reads = scope.stateVersions === undefined ? 'no state' : scope.stateVersions.map((x) => `v${x}`).join(', ');
      problems.push(`${p.topic}[${p.partition}]: state schema v${String(v)}, this ${scope.app} reads ${reads}`);
    }
  }
  return problems;
}

/** Writes the savepoint into Redis for the scope's group; refused when it does not fit or the group has checkpoints. */
export async function importSavepoint(redis: Redis, file: SavepointFile, scope: SavepointScope): Promise<number> {
  const problems = savepointMismatches(file, scope);
  if (problems.length > 0) {
    throw new OperationError(`savepoint refused, it does not fit this ${scope.app}'s configuration:\n  - ${problems.join('\n  - ')}\nStart the app with the settings the savepoint was taken with, or let it start empty.`);
  }
  const prefix = keyPrefix(scope.namespace);
  const existing = await scanKeys(redis, `${prefix}*`);
  if (existing.length > 0) {
    throw new OperationError(`Redis already holds ${existing.length} checkpoints of ${scope.namespace}: a savepoint goes into an empty group (another --group-id, or delete them first)`);
  }
  const multi = redis.multi();
  for (const p of file.partitions) {
    const fields: string[] = [];
    for (const f of FIELDS) if (p[f] !== undefined) fields.push(f, String(p[f]));
    multi.hset(`${prefix}${p.topic}:${p.partition}`, ...fields);
  }
  await multi.exec();
  return file.partitions.length;
}

function stateVersionOf(state: string | undefined): number | undefined {
  if (!state) return undefined;
  try {
    const v = (JSON.parse(state) as { v?: unknown }).v;
    return typeof v === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}
