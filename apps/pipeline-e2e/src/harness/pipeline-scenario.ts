import type { ClickHouseClient } from '@clickhouse/client';
import { uniqueName, type LocalStack } from '@clickstream/integration-testing';
import { CLICKS_TOPIC_CONFIG } from '@clickstream/kafka';
import { applyMigrations, findMigrationsDir } from '@clickstream/schema-bootstrap';
import { AppProcess, type AppLauncher } from './app-process';
import { compareWindows, computeReference, type Reference, type WindowTotal } from './reference-model';
import { readWholeTopic, type TopicRecord } from './topic-reader';

/** What the pipeline wrote, read back in the same shape as the reference. */
export interface TableContents {
  readonly windows: WindowTotal[];
  readonly lateEventIds: string[];
  readonly rawRows: number;
  readonly rawDistinctEventIds: number;
  /** rt.anomalies, ordered; one row per (window, page, country) is part of the contract. */
  readonly anomalies: AnomalyContents[];
}

export interface AnomalyContents {
  readonly windowStart: number;
  readonly page: string;
  readonly country: string;
  readonly kind: string;
  readonly observed: number;
  readonly baseline: number;
  readonly score: number;
}

/**
 * Event time of the first seeded event: a whole hour, three hours ago. Fixed for the whole test run
 * (same seed, same events in every scenario) yet recent, because rows older than the tables' TTL
 * are dropped as they are inserted.
 */
export const TRAFFIC_EPOCH_MS = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;

/** Flags for a seeded, bounded producer run starting at `startMs` of event time. */
export function seededTraffic(count: number, seed: number, extra: string[] = [], startMs = TRAFFIC_EPOCH_MS): string[] {
  return [
    '--count', String(count), '--rate', '50000', '--event-rate', '400', '--start-time', new Date(startMs).toISOString(),
    '--seed', String(seed), '--pages', '20', '--users', '5000', '--jitter-ms', '3000',
    '--late-ratio', '0.003', '--late-min-ms', '75000', '--late-max-ms', '150000',
    '--spike-page', '/product/2', '--spike-at', '360', '--spike-duration', '60', '--spike-factor', '8',
    '--format', 'avro', '--progress', 'off', '--metrics-port', '0', ...extra,
  ];
}

/**
 * One isolated pipeline: its own topics, ClickHouse database, consumer groups and therefore
 * checkpoint keys, so scenarios cannot see each other's data. Apps run from their real bundles.
 */
export class PipelineScenario {
  readonly processes: AppProcess[] = [];
  /** How the apps run: their dist bundles by default, their container images when set. */
  launcher: AppLauncher | undefined;
  private runs = 0;

  private constructor(
    private readonly stack: LocalStack,
    readonly topic: string,
    readonly deadLetterTopic: string,
    readonly database: string,
    readonly groupSuffix: string,
    readonly clickhouse: ClickHouseClient,
  ) {}

  static async create(stack: LocalStack, name: string, partitions: number): Promise<PipelineScenario> {
    const topic = await stack.createTestTopic(`e2e_${name}`, { partitions, configEntries: { ...CLICKS_TOPIC_CONFIG } });
    const dlq = await stack.createTestTopic(`e2e_${name}_dlq`, { partitions: 1 });
    const database = await stack.createTestDatabase(`e2e_${name}`, {
      setup: ({ client, database: db }) => applyMigrations({ client, database: db, migrationsDir: findMigrationsDir() }),
    });
    return new PipelineScenario(stack, topic, dlq, database, uniqueName(name), stack.clickhouse({ database }));
  }

  private common(): string[] {
    return [
      '--brokers', this.stack.kafkaBrokers.join(','), '--topic', this.topic, '--dead-letter-topic', this.deadLetterTopic,
      '--clickhouse-url', this.stack.clickhouseUrl, '--clickhouse-database', this.database, '--redis-url', this.stack.redisUrl,
      '--metrics-port', '0', '--session-timeout-ms', '6000', '--checkpoint-interval-ms', '2000',
    ];
  }

  start(app: 'aggregator' | 'raw-sink' | 'anomaly-scorer', extra: string[] = []): AppProcess {
    const args =
      app === 'anomaly-scorer'
        ? [
            '--brokers', this.stack.kafkaBrokers.join(','), '--topic', this.topic, '--clickhouse-url', this.stack.clickhouseUrl,
            '--clickhouse-database', this.database, '--metrics-port', '0', '--poll-interval-ms', '500', ...extra,
          ]
        : [...this.common(), '--group-id', `${app}-${this.groupSuffix}`, ...extra];
    const p = new AppProcess(app, args, `${this.topic}-${app}-${++this.runs}`, this.stack.appEnv, this.launcher);
    this.processes.push(p);
    return p;
  }

  /** Runs the producer to completion; fails the test with its log when it does not exit 0. */
  async produce(args: string[]): Promise<void> {
    const p = new AppProcess('producer', ['--brokers', this.stack.kafkaBrokers.join(','), '--topic', this.topic, ...args], `${this.topic}-producer-${++this.runs}`, this.stack.appEnv, this.launcher);
    const code = await p.exited;
    if (code !== 0) throw new Error(`producer exited ${code}:\n${p.tail()}`);
  }

  async reference(): Promise<Reference> {
    return computeReference(await this.readTopic(this.topic));
  }

  readTopic(topic: string): Promise<Map<number, TopicRecord[]>> {
    return readWholeTopic(this.stack.kafka(), topic, uniqueName('reader'));
  }

  async tables(): Promise<TableContents> {
    const q = async <T>(query: string) =>
      (await this.clickhouse.query({ query, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })).json<T>();
    const windows = await q<WindowTotal>(
      `SELECT toUnixTimestamp64Milli(window_start) AS windowStart, page, country, clicks, unique_users AS uniqueUsers FROM page_minute`,
    );
    const late = await q<{ id: string }>('SELECT toString(event_id) AS id FROM late_events ORDER BY id');
    const [raw] = await q<{ rows: number; ids: number }>('SELECT count() AS rows, uniqExact(event_id) AS ids FROM clicks_raw');
    const anomalies = await q<AnomalyContents>(
      `SELECT toUnixTimestamp64Milli(window_start) AS windowStart, page, country, toString(kind) AS kind, observed, baseline, score
       FROM anomalies ORDER BY windowStart, page, country`,
    );
    return {
      windows: windows.sort(compareWindows),
      lateEventIds: late.map((r) => r.id),
      rawRows: raw?.rows ?? 0,
      rawDistinctEventIds: raw?.ids ?? 0,
      anomalies,
    };
  }

  /**
   * Newest window every partition has closed (all its partials are in), by the published
   * watermarks; what the anomaly scorer scores up to. Undefined before every partition published.
   */
  async newestFinalWindow(partitions: number): Promise<number | undefined> {
    const result = await this.clickhouse.query({
      query: `SELECT toString(toUnixTimestamp64Milli(max(window_start))) AS w, (SELECT count() FROM (SELECT DISTINCT source_partition FROM partition_watermarks)) AS p
              FROM page_minute_agg
              WHERE window_end <= (SELECT min(m) FROM (SELECT max(watermark) AS m FROM partition_watermarks GROUP BY source_partition)) + toIntervalMillisecond(1)`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ w: string; p: string }>();
    return row && Number(row.p) === partitions ? Number(row.w) : undefined;
  }

  /** Start of the newest window the anomaly scorer finished (its progress row). */
  async lastScoredWindow(): Promise<number | undefined> {
    const result = await this.clickhouse.query({
      query: 'SELECT toString(toUnixTimestamp64Milli(max(window_start))) AS w, count() AS n FROM anomaly_scorer_progress',
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ w: string; n: string }>();
    return row && Number(row.n) > 0 ? Number(row.w) : undefined;
  }

  /** Stops every app still running (gracefully) and removes the checkpoint keys of its groups. */
  async close(): Promise<void> {
    await Promise.all(this.processes.filter((p) => p.running).map((p) => p.stop()));
    const redis = this.stack.redis();
    for await (const keys of redis.scanStream({ match: `clickstream:*:*-${this.groupSuffix}:*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  }
}
