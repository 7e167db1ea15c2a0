import { buildFlinkJob, type FlinkJob } from '../flink/flink-job';
import type { AggregatorOutput, CardinalitySweepResult, LevelData, LevelsInTurns, SweepLevel, SweepLevelSpec } from '../suite/cardinality-sweep-result';
import { loadAverage } from '../suite/result-file';
import type { SuiteContext } from '../suite/suite-context';
import { COMPARISON_SEED } from './flink-comparison-scenario';
import { catchUpInTurns, catchUpSide, readInTurns } from './job-catch-up';
import { preloadAtTopSpeed } from './producer-scenario';
import { levelName } from './sweep-levels';

type SweepMeasures = Pick<CardinalitySweepResult, 'partitions' | 'seed' | 'format' | 'eventsPerLevel' | 'levels' | 'inTurns'>;
/** A level and the topic preloaded for it. */
type LevelTopic = { spec: SweepLevelSpec; topic: string };

/** Distinct users and windows of page + country among the events, from the raw sink's clicks_raw. */
async function levelData(ctx: SuiteContext): Promise<LevelData> {
  const db = ctx.fixture.id;
  const [row] = await ctx.fixture.queryRows<{ users: string; windows: string }>(
    `SELECT uniqExact(user_id) AS users, uniqExact(toStartOfMinute(ts), page, country) AS windows FROM ${db}.clicks_raw`,
  );
  return { distinctUsers: Number(row?.users ?? 0), windows: Number(row?.windows ?? 0) };
}

/** What the aggregator's catch-up wrote: windows, partial rows and their bytes (issue 14: the user-id arrays grow with users). */
async function aggregatorOutput(ctx: SuiteContext): Promise<AggregatorOutput> {
  const db = ctx.fixture.id;
  const [rows] = await ctx.fixture.queryRows<{ windows: string; partials: string }>(
    `SELECT uniqExact(window_start, page, country) AS windows, count() AS partials FROM ${db}.page_minute_agg`,
  );
  const [parts] = await ctx.fixture.queryRows<{ bytes: string }>(
    `SELECT sum(data_uncompressed_bytes) AS bytes FROM system.parts WHERE database = '${db}' AND table = 'page_minute_agg' AND active`,
  );
  return { windowsWritten: Number(rows?.windows ?? 0), partialRows: Number(rows?.partials ?? 0), partialBytes: Number(parts?.bytes ?? 0) };
}

/**
 * One level: the aggregator and the Flink job in turns (twice each, catchUpInTurns), the raw sink
 * (then the baseline builds), each alone through the level's topic, with the run's tables emptied first so the counts are the level's own.
 */
async function measureLevel(ctx: SuiteContext, job: FlinkJob, spec: SweepLevelSpec, topic: string, producer: SweepLevel['producer'], baseline: string | undefined): Promise<SweepLevel> {
  ctx.progress(`level ${levelName(spec)} on ${topic}`);
  await ctx.fixture.truncateTables();
  const loadAverageAtStart = loadAverage();
  const labelSuffix = `-${spec.factor}x`;
  let output: AggregatorOutput | undefined;
  const { aggregator, flink } = await catchUpInTurns(ctx, job, topic, {
    labelSuffix,
    afterFirstAggregatorRead: async () => {
      output = await aggregatorOutput(ctx);
    },
  });
  if (output === undefined) throw new Error('the aggregator output was not counted after its first read');
  const rawSink = await catchUpSide(ctx, job, 'rawSink', topic, { labelSuffix });
  const data = await levelData(ctx);
  const baselineRuns = baseline
    ? {
        aggregatorBaseline: await catchUpSide(ctx, job, 'aggregator', topic, { baseline, labelSuffix }),
        rawSinkBaseline: await catchUpSide(ctx, job, 'rawSink', topic, { baseline, labelSuffix }),
      }
    : {};
  return { ...spec, loadAverageAtStart, producer, data, aggregatorOutput: output, catchUp: { aggregator, flink, rawSink, ...baselineRuns } };
}

/**
 * Issue 14's sweep: the same number of JSON events (seed 11, as in the Flink comparison) at each
 * level of pages and users, one topic per level, all preloaded before anything is measured (so the
 * levels' measurements lie close together in time), then every level's catch-ups in ascending order.
 */
export async function cardinalitySweep(ctx: SuiteContext, repoRoot: string, levels: readonly SweepLevelSpec[], baseline?: string): Promise<SweepMeasures> {
  ctx.progress('flink: building the reference job (Maven, cached in the stack dir)');
  const job = buildFlinkJob(repoRoot);
  const topics: { spec: SweepLevelSpec; topic: string; producer: SweepLevel['producer'] }[] = [];
  for (const spec of levels) {
    const topic = await ctx.fixture.createTopic(`sweep_${spec.factor}x`, ctx.settings.partitions);
    const producer = await preloadAtTopSpeed(ctx, topic, 'json', ['--seed', String(COMPARISON_SEED), '--pages', String(spec.pages), '--users', String(spec.users)], `-${spec.factor}x`);
    topics.push({ spec, topic, producer });
  }
  const measured: SweepLevel[] = [];
  for (const { spec, topic, producer } of topics) measured.push(await measureLevel(ctx, job, spec, topic, producer, baseline));
  const low = topics[0];
  const high = topics.at(-1);
  const inTurns = low !== undefined && high !== undefined && low !== high ? await levelsInTurns(ctx, job, low, high) : undefined;
  return { partitions: ctx.settings.partitions, seed: COMPARISON_SEED, format: 'json', eventsPerLevel: ctx.settings.preloadEvents, levels: measured, ...(inTurns ? { inTurns } : {}) };
}

/** The aggregator through the lowest and the highest level's topics in turns: low, high, high, low (LevelsInTurns). */
async function levelsInTurns(ctx: SuiteContext, job: FlinkJob, low: LevelTopic, high: LevelTopic): Promise<LevelsInTurns> {
  ctx.progress(`aggregator in turns on the ${low.spec.factor}x and ${high.spec.factor}x topics`);
  const read = (level: LevelTopic) => (n: 1 | 2) => catchUpSide(ctx, job, 'aggregator', level.topic, { labelSuffix: `-${level.spec.factor}x-turn${n}` });
  const [lowReads, highReads] = await readInTurns(read(low), read(high));
  return { lowFactor: low.spec.factor, highFactor: high.spec.factor, low: lowReads, high: highReads };
}
