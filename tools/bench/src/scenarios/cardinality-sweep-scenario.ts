import { buildFlinkJob, type FlinkJob } from '../flink/flink-job';
import type { AggregatorOutput, CardinalitySweepResult, LevelData, SweepLevel, SweepLevelSpec } from '../suite/cardinality-sweep-result';
import type { CatchUpSide } from '../suite/flink-comparison-result';
import { loadAverage } from '../suite/result-file';
import type { SuiteContext } from '../suite/suite-context';
import { COMPARISON_SEED } from './flink-comparison-scenario';
import { combineCatchUpRuns } from '../stats/combined-catch-up';
import { catchUpSide } from './job-catch-up';
import { preloadAtTopSpeed } from './producer-scenario';
import { levelName } from './sweep-levels';

type SweepMeasures = Pick<CardinalitySweepResult, 'partitions' | 'seed' | 'format' | 'eventsPerLevel' | 'levels' | 'readOrder'>;
/** A level, the topic preloaded for it and how fast the producer preloaded it. */
type PreloadedLevel = { spec: SweepLevelSpec; topic: string; producer: SweepLevel['producer'] };

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

/** A level's first pass: everything but the aggregator's and Flink's second reads. */
type FirstPass = Omit<SweepLevel, 'catchUp'> & { aggregator: CatchUpSide; flink: CatchUpSide; rest: Omit<SweepLevel['catchUp'], 'aggregator' | 'flink'> };

/**
 * A level's reads in the first pass, with the run's tables emptied first so the counts are the
 * level's own: the aggregator (its rows counted), the Flink job, the raw sink, then the baseline
 * builds, each alone through the level's topic.
 */
async function firstPass(ctx: SuiteContext, job: FlinkJob, { spec, topic, producer }: PreloadedLevel, baseline: string | undefined): Promise<FirstPass> {
  ctx.progress(`level ${levelName(spec)} on ${topic}: first pass`);
  await ctx.fixture.truncateTables();
  const loadAverageAtStart = loadAverage();
  const labelSuffix = `-${spec.factor}x`;
  const aggregator = await catchUpSide(ctx, job, 'aggregator', topic, { labelSuffix: `${labelSuffix}-read1` });
  const output = await aggregatorOutput(ctx);
  const flink = await catchUpSide(ctx, job, 'flink', topic, { labelSuffix: `${labelSuffix}-read1` });
  const rawSink = await catchUpSide(ctx, job, 'rawSink', topic, { labelSuffix });
  const data = await levelData(ctx);
  const baselineRuns = baseline
    ? {
        aggregatorBaseline: await catchUpSide(ctx, job, 'aggregator', topic, { baseline, labelSuffix }),
        rawSinkBaseline: await catchUpSide(ctx, job, 'rawSink', topic, { baseline, labelSuffix }),
      }
    : {};
  return { ...spec, loadAverageAtStart, producer, data, aggregatorOutput: output, aggregator, flink, rest: { rawSink, ...baselineRuns } };
}

/**
 * Issue 14's sweep: the same number of JSON events (seed 11, as in the Flink comparison) at each
 * level of pages and users, one topic per level, all preloaded before anything is measured, then
 * two passes over the levels (CardinalitySweepResult.readOrder): ascending, then back in
 * descending order for the aggregator's and Flink's second reads.
 */
export async function cardinalitySweep(ctx: SuiteContext, repoRoot: string, levels: readonly SweepLevelSpec[], baseline?: string): Promise<SweepMeasures> {
  ctx.progress('flink: building the reference job (Maven, cached in the stack dir)');
  const job = buildFlinkJob(repoRoot);
  const topics: PreloadedLevel[] = [];
  for (const spec of levels) {
    const topic = await ctx.fixture.createTopic(`sweep_${spec.factor}x`, ctx.settings.partitions);
    const producer = await preloadAtTopSpeed(ctx, topic, 'json', ['--seed', String(COMPARISON_SEED), '--pages', String(spec.pages), '--users', String(spec.users)], `-${spec.factor}x`);
    topics.push({ spec, topic, producer });
  }
  const firsts: FirstPass[] = [];
  for (const level of topics) firsts.push(await firstPass(ctx, job, level, baseline));
  const measured: SweepLevel[] = new Array(firsts.length);
  for (let i = firsts.length - 1; i >= 0; i--) {
    const { spec, topic } = topics[i] as PreloadedLevel;
    const { aggregator, flink, rest, ...level } = firsts[i] as FirstPass;
    ctx.progress(`level ${levelName(spec)} on ${topic}: second pass`);
    // As in the first pass: the reads write into empty tables (the level's counts were taken then).
    await ctx.fixture.truncateTables();
    const labelSuffix = `-${spec.factor}x-read2`;
    const flinkSecond = await catchUpSide(ctx, job, 'flink', topic, { labelSuffix });
    const aggregatorSecond = await catchUpSide(ctx, job, 'aggregator', topic, { labelSuffix });
    measured[i] = {
      ...level,
      catchUp: { aggregator: combineCatchUpRuns([aggregator, aggregatorSecond]), flink: combineCatchUpRuns([flink, flinkSecond]), ...rest },
    };
  }
  return { partitions: ctx.settings.partitions, seed: COMPARISON_SEED, format: 'json', eventsPerLevel: ctx.settings.preloadEvents, levels: measured, readOrder: 'there-and-back' };
}
