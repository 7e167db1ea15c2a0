import type { ClickHouseClient } from '@clickhouse/client';
import { CheckpointLedgerUnavailableError } from './checkpoint-errors';
import type { CheckpointLedger, LedgerRange, LedgerRecoveryPoint, LedgerSnapshot } from './checkpoint-ledger';
import type { PartitionRef } from './partition-checkpoint';

const INSERT_SETTINGS = { insert_deduplicate: 1, async_insert: 0 } as const;

interface RangeSummary {
  n: number | string;
  last_from: number | string;
  last_to: number | string;
  first_offset: number | string;
  max_epoch: number | string;
}

/**
 * `stream_ledger` and `stream_snapshots` (migration 0003) in the database the client points at,
 * the same one as the outputs. Inserts carry the flush's token, so a retried flush adds no rows.
 */
export class ClickHouseCheckpointLedger implements CheckpointLedger {
  constructor(
    private readonly client: ClickHouseClient,
    /** The checkpoint namespace, e.g. `aggregator:<group id>`: apps and groups must differ. */
    private readonly namespace: string,
  ) {}

  async recordRange(range: LedgerRange, dedupToken: string): Promise<void> {
    const row = [this.namespace, range.ref.topic, range.ref.partition, Number(range.fromOffset), Number(range.toOffset), range.epoch];
    await this.insert('recordRange', range.ref, 'stream_ledger', ['namespace', 'topic', 'partition', 'from_offset', 'to_offset', 'epoch'], row, dedupToken);
  }

  async recordSnapshot(snapshot: LedgerSnapshot, dedupToken: string): Promise<void> {
    const row = [this.namespace, snapshot.ref.topic, snapshot.ref.partition, Number(snapshot.offset), snapshot.epoch, snapshot.state];
    await this.insert('recordSnapshot', snapshot.ref, 'stream_snapshots', ['namespace', 'topic', 'partition', 'offset', 'epoch', 'state'], row, dedupToken);
  }

  async recoveryPoint(ref: PartitionRef): Promise<LedgerRecoveryPoint | undefined> {
    const params = { ns: this.namespace, topic: ref.topic, partition: ref.partition };
    const where = 'namespace = {ns:String} AND topic = {topic:String} AND partition = {partition:UInt16}';
    try {
      // The newest range is the newest owner's (highest epoch) furthest one.
      const [summary] = await this.rows<RangeSummary>(
        `SELECT count() AS n, argMax(from_offset, (epoch, to_offset)) AS last_from, argMax(to_offset, (epoch, to_offset)) AS last_to,
                min(from_offset) AS first_offset, max(epoch) AS max_epoch
         FROM stream_ledger WHERE ${where}`,
        params,
      );
      if (!summary || Number(summary.n) === 0) return undefined;
      const from = String(summary.last_from);
      const to = String(summary.last_to);
      const [snapshot] = await this.rows<{ offset: number | string; state: string }>(
        `SELECT offset, state FROM stream_snapshots
         WHERE ${where} AND (offset <= {from:UInt64} OR offset = {to:UInt64})
         ORDER BY offset DESC LIMIT 1`,
        { ...params, from, to },
      );
      return {
        lastRange: { fromOffset: from, toOffset: to },
        firstOffset: String(summary.first_offset),
        maxEpoch: Number(summary.max_epoch),
        snapshot: snapshot ? { offset: String(snapshot.offset), state: snapshot.state } : undefined,
      };
    } catch (err) {
      throw new CheckpointLedgerUnavailableError('recoveryPoint', ref, err);
    }
  }

  private async rows<T>(query: string, query_params: Record<string, unknown>): Promise<T[]> {
    const result = await this.client.query({ query, query_params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  private async insert(operation: string, ref: PartitionRef, table: string, columns: string[], row: unknown[], token: string): Promise<void> {
    try {
      await this.client.insert({
        table,
        columns: columns as [string, ...string[]],
        format: 'JSONCompactEachRow',
        values: [row],
        clickhouse_settings: { ...INSERT_SETTINGS, insert_deduplication_token: token },
      });
    } catch (err) {
      throw new CheckpointLedgerUnavailableError(operation, ref, err);
    }
  }
}
