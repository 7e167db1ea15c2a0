import type { Admin } from 'kafkajs';
import { TopicPartitionCountError } from './schema-bootstrap-errors';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Defaults to 1: the local stack is a single broker. */
  replicationFactor?: number;
  configEntries?: Record<string, string>;
}

export interface EnsureTopicsOptions {
  /**
   * What to do when a topic exists with fewer partitions than asked: 'error' (the default) throws
   * TopicPartitionCountError, 'increase' adds partitions. Not silent by default because adding
   * partitions remaps keys (user ids) to other partitions, which breaks per-key ordering across the
   * change. More partitions than asked are left alone either way.
   */
  onFewerPartitions?: 'error' | 'increase';
  log?: (message: string) => void;
  /** How long to wait for a created topic's partition leaders when kafkajs gives up early. Default 30 s. */
  leaderTimeoutMs?: number;
}

export interface EnsureTopicsResult {
  created: string[];
  unchanged: string[];
  increased: string[];
}

export type TopicAdmin = Pick<Admin, 'listTopics' | 'createTopics' | 'fetchTopicMetadata' | 'createPartitions'>;

/** Creates the topics of `specs` that are missing; existing ones keep their configuration. */
export async function ensureTopics(
  admin: TopicAdmin,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  const log = options.log ?? (() => undefined);
  const existing = new Set(await admin.listTopics());
  const result: EnsureTopicsResult = { created: [], unchanged: [], increased: [] };

  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) {
    // kafkajs resolves false (not an error) when a concurrent caller created a topic first.
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.numPartitions,
          replicationFactor: s.replicationFactor ?? 1,
          configEntries: Object.entries(s.configEntries ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (err) {
      // kafkajs' wait for leaders retries LEADER_NOT_AVAILABLE only; a broker whose metadata has not
      // caught up with the new topic yet answers UNKNOWN_TOPIC_OR_PARTITION: created, not yet visible.
      if (!isUnknownTopic(err)) throw err;
      await waitForLeaders(admin, missing.map((s) => s.topic), options.leaderTimeoutMs ?? 30_000);
    }
    for (const s of missing) {
      result.created.push(s.topic);
      log(`created topic ${s.topic} (${s.numPartitions} partitions)`);
    }
  }

  const present = specs.filter((s) => existing.has(s.topic));
  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
    for (const s of present) {
      const partitions = metadata.topics.find((t) => t.name === s.topic)?.partitions.length ?? 0;
      if (partitions >= s.numPartitions) {
        result.unchanged.push(s.topic);
      } else if (options.onFewerPartitions === 'increase') {
        await admin.createPartitions({ topicPartitions: [{ topic: s.topic, count: s.numPartitions }] });
        result.increased.push(s.topic);
        log(`increased partitions of ${s.topic} from ${partitions} to ${s.numPartitions}`);
      } else {
        throw new TopicPartitionCountError(s.topic, partitions, s.numPartitions);
      }
    }
  }
  return result;
}

function isUnknownTopic(err: unknown): boolean {
  return (err as { type?: unknown } | null)?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

/** Polls the metadata until every partition of `topics` has a leader; throws the last error at the deadline. */
async function waitForLeaders(admin: TopicAdmin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const ready = topics.every((name) => {
        const partitions = found.find((t) => t.name === name)?.partitions ?? [];
        return partitions.length > 0 && partitions.every((p) => p.leader >= 0);
      });
      if (ready) return;
    } catch (err) {
      if (!isUnknownTopic(err)) throw err;
      lastError = err;
    }
    if (Date.now() >= deadline) throw lastError ?? new Error(`partition leaders of ${topics.join(', ')} not elected within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
