/** One partition's checkpoint as Redis holds it (RedisCheckpointStore's hash fields). */
export interface SavepointPartition {
  readonly topic: string;
  readonly partition: number;
  readonly epoch: string;
  readonly offset?: string;
  readonly state?: string;
  readonly pendingFrom?: string;
  readonly pendingTo?: string;
  readonly committedAt?: string;
}

/**
 * A consumer group's checkpoint state in a file, as Flink's savepoints: the committed offset and
 * engine state of every partition, plus the settings that shaped the state (the fingerprint), so an
 * import into an app configured differently is refused instead of silently mixing window sizes.
 */
export interface SavepointFile {
  readonly format: 'clickstream-savepoint';
  readonly version: 1;
  readonly app: string;
  readonly namespace: string;
  readonly exportedAt: string;
  /** Settings the state depends on, e.g. { windowSizeMs: 60000, ... }. */
  readonly fingerprint: Readonly<Record<string, string | number>>;
  readonly partitions: readonly SavepointPartition[];
}

/** What a savepoint is taken from or put into: an app, its checkpoint namespace and its settings. */
export interface SavepointScope {
  readonly app: string;
  /** `<app>:<group id>`; the Redis keys are `clickstream:<namespace>:checkpoint:<topic>:<partition>`. */
  readonly namespace: string;
  readonly fingerprint: Readonly<Record<string, string | number>>;
  /** The state schema versions the app reads, checked against every partition's state (`v`); undefined = stateless. */
  readonly stateVersions: readonly number[] | undefined;
}
