// `npm run bench [-- --quick] [-- --publish] [-- --report-only] [-- --only flink-vs-aggregator|cardinality-sweep]`: the
// pipeline benchmark suite on the running local stack (see docs/benchmarks.md). Writes
// bench/results/<suite>-<time>.json and regenerates docs/benchmarks.md between its bench markers
// (with the newest result of every suite).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchFixture } from './fixture/bench-fixture';
import { stackEndpointsFrom } from './fixture/stack-endpoints';
import { readStackPids } from './proc/stack-pids';
import { writeReport } from './report/write-report';
import { BenchApps } from './run/bench-apps';
import { cardinalitySweep } from './scenarios/cardinality-sweep-scenario';
import { bareConsumerCeiling, catchUp } from './scenarios/catch-up-scenario';
import { checkpointAtKeys } from './scenarios/checkpoint-scenario';
import { flinkComparison } from './scenarios/flink-comparison-scenario';
import { freshness } from './scenarios/freshness-scenario';
import { preloadAtTopSpeed, rateAccuracy } from './scenarios/producer-scenario';
import { restartAfterKill } from './scenarios/restart-scenario';
import { baselineBundle } from './scenarios/job-catch-up';
import { sweepLevels } from './scenarios/sweep-levels';
import type { PipelineResult, RunInfo } from './suite/bench-result';
import type { CardinalitySweepResult } from './suite/cardinality-sweep-result';
import type { FlinkComparisonResult } from './suite/flink-comparison-result';
import { loadAverage, machineInfo, writeResultFile } from './suite/result-file';
import type { SuiteContext } from './suite/suite-context';
import { suiteSettings } from './suite/suite-settings';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const ONLY = ['flink-vs-aggregator', 'cardinality-sweep'] as const;
type Only = (typeof ONLY)[number];

async function runSuite(quick: boolean, publish: boolean, only: Only | undefined, baseline: string | undefined, events: number | undefined): Promise<void> {
  const settings = { ...suiteSettings(quick), ...(events ? { preloadEvents: events } : {}) };
  const startedAt = new Date();
  const loadAverageAtStart = loadAverage();
  const stack = readStackPids(REPO_ROOT);
  const id = `bench_${startedAt.getTime().toString(36)}`;
  const logDir = path.join(REPO_ROOT, 'tmp', id);
  mkdirSync(logDir, { recursive: true });
  const started = performance.now();
  const progress = (message: string) => console.log(`[bench ${Math.round((performance.now() - started) / 1000)}s] ${message}`);
  progress(`${quick ? 'quick' : 'full'} run ${id}; app logs in ${path.relative(REPO_ROOT, logDir)}`);

  const fixture = await BenchFixture.create(id, stackEndpointsFrom(process.env));
  // Commands as the report shows them: the run's own names and the free metrics ports are placeholders.
  const apps = new BenchApps(REPO_ROOT, logDir, (c) => c.replaceAll(id, '<run>').replace(/--metrics-port \d+/, '--metrics-port <free port>'));
  const ctx: SuiteContext = { settings, fixture, apps, stack, progress };
  const interrupted = () => {
    progress('interrupted: stopping apps and dropping the run\'s topics and database');
    void apps.stopAll().finally(() => fixture.close().finally(() => process.exit(130)));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const header = { quick, startedAt: startedAt.toISOString(), machine: machineInfo(), loadAverageAtStart };
    const result =
      only === 'flink-vs-aggregator' ? await runFlinkComparison(ctx, header, baseline)
      : only === 'cardinality-sweep' ? await runCardinalitySweep(ctx, header, baseline)
      : await runPipeline(ctx, header);
    progress(`written ${writeResultFile(REPO_ROOT, result, publish)}`);
  } finally {
    await apps.stopAll();
    await fixture.close();
  }
  for (const file of writeReport(REPO_ROOT)) progress(`written ${file}`);
  progress('done');
}

/** What the run knows of itself before it measures anything. */
type RunHeader = Pick<RunInfo, 'quick' | 'startedAt' | 'machine' | 'loadAverageAtStart'>;

/** `--only flink-vs-aggregator`: issue 15's comparison, 2M events (300k quick) catch-up, then 20,000/s live for 4 minutes (1 quick). */
async function runFlinkComparison(ctx: SuiteContext, header: RunHeader, baseline: string | undefined): Promise<FlinkComparisonResult> {
  const comparison = await flinkComparison(ctx, REPO_ROOT, { rate: 20_000, seconds: header.quick ? 60 : 240 }, baseline);
  const result: FlinkComparisonResult = {
    suite: 'flink',
    ...header,
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: loadAverage(),
    commands: { suite: `npm run bench -- --only flink-vs-aggregator${header.quick ? ' --quick' : ''}${baseline ? ` --baseline ${baseline}` : ''} --events ${ctx.settings.preloadEvents}`, ...ctx.apps.commands },
    ...comparison,
    ...(baseline ? { baseline } : {}),
  };
  console.log(JSON.stringify({ catchUp: result.catchUp, live: result.live }, null, 2));
  return result;
}

/** `--only cardinality-sweep`: issue 14's sweep, 1x / 10x / 100x the producer's pages and users, 2M events per level (300k quick). */
async function runCardinalitySweep(ctx: SuiteContext, header: RunHeader, baseline: string | undefined): Promise<CardinalitySweepResult> {
  const sweep = await cardinalitySweep(ctx, REPO_ROOT, sweepLevels(), baseline);
  const result: CardinalitySweepResult = {
    suite: 'cardinality',
    ...header,
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: loadAverage(),
    commands: { suite: `npm run bench -- --only cardinality-sweep${header.quick ? ' --quick' : ''}${baseline ? ` --baseline ${baseline}` : ''} --events ${ctx.settings.preloadEvents}`, ...ctx.apps.commands },
    ...sweep,
    ...(baseline ? { baseline } : {}),
  };
  console.log(JSON.stringify(result.levels.map((l) => ({ factor: l.factor, data: l.data, aggregatorOutput: l.aggregatorOutput, catchUp: l.catchUp })), null, 2));
  return result;
}

async function runPipeline(ctx: SuiteContext, header: RunHeader): Promise<PipelineResult> {
  const { settings, fixture } = ctx;
  const avroTopic = await fixture.createTopic('pre_avro', settings.partitions);
  const jsonTopic = await fixture.createTopic('pre_json', settings.partitions);
  const rateTopic = await fixture.createTopic('rate', settings.partitions);

  const maxRate = await preloadAtTopSpeed(ctx, avroTopic, 'avro');
  await preloadAtTopSpeed(ctx, jsonTopic, 'json');
  const accuracy = [];
  for (const rate of settings.accuracyRates) accuracy.push(await rateAccuracy(ctx, rateTopic, rate));

  const aggregatorAvro = await catchUp(ctx, 'aggregator', avroTopic, 'aggregator-avro');
  const aggregatorJson = await catchUp(ctx, 'aggregator', jsonTopic, 'aggregator-json');
  const rawSink = await catchUp(ctx, 'raw-sink', avroTopic, 'raw-sink-avro');
  const bareConsumer = await bareConsumerCeiling(ctx, avroTopic);

  const fresh = await freshness(ctx);
  const checkpoints = [];
  for (const keys of settings.checkpointKeys) checkpoints.push(await checkpointAtKeys(ctx, keys));
  const restart = await restartAfterKill(ctx);

  const result: PipelineResult = {
    suite: 'pipeline',
    ...header,
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: loadAverage(),
    partitions: settings.partitions,
    commands: { suite: `npm run bench${header.quick ? ' -- --quick' : ''}`, ...ctx.apps.commands },
    producer: { maxRate: { ...maxRate, format: 'avro' }, accuracy },
    catchUp: {
      aggregatorAvro,
      aggregatorJson,
      rawSink,
      bareConsumer,
      aggregatorPercentOfCeiling: Math.round((aggregatorAvro.eventsPerCpuSecond / bareConsumer.eventsPerCpuSecond) * 100),
    },
    freshness: fresh,
    checkpoints,
    restart,
  };
  console.log(JSON.stringify({ producer: result.producer, catchUp: result.catchUp, freshness: result.freshness, checkpoints, restart }, null, 2));
  return result;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, publish: { type: 'boolean', default: false }, 'report-only': { type: 'boolean', default: false }, only: { type: 'string' }, baseline: { type: 'string' }, events: { type: 'string' }, help: { type: 'boolean', default: false } } }));
    if (values.events !== undefined && !(Number.isInteger(Number(values.events)) && Number(values.events) > 0)) throw new Error(`--events takes a positive whole number (got '${values.events}')`);
    if (values.only !== undefined && !(ONLY as readonly string[]).includes(values.only)) throw new Error(`--only takes one of: ${ONLY.join(', ')} (got '${values.only}')`);
    if (values.baseline !== undefined && values.only === undefined) throw new Error(`--baseline goes with --only ${ONLY.join(' or --only ')}`);
    const baseline = values.baseline;
    if (baseline !== undefined) {
      const missing = (['aggregator', 'rawSink'] as const).map((app) => baselineBundle(baseline, app)).filter((bundle) => !existsSync(path.resolve(REPO_ROOT, bundle)));
      if (missing.length > 0) throw new Error(`--baseline ${baseline}: no ${missing.join(' or ')} (relative to ${REPO_ROOT}); copy a build's dist/apps there`);
    }
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\nusage: npm run bench [-- --quick] [--publish] [--report-only] [--only flink-vs-aggregator|cardinality-sweep] [--baseline DIR] [--events N]`);
    process.exit(2);
  }
  if (values.help) {
    console.log([
      'usage: npm run bench [-- [--quick] [--publish] [--report-only] [--only SCENARIO] [--baseline DIR] [--events N]]   (local stack up first: npm run stack:up)',
      '  --quick        smaller counts and a shorter freshness run (about 4 minutes instead of about 7)',
      '  --publish      name the result published-<suite>-<time>.json (pipeline, flink, cardinality) so it can be committed',
      '  --report-only  only regenerate docs/benchmarks.md and docs/bench-charts from the newest results',
      '  --only flink-vs-aggregator  only the side-by-side run with the reference Flink job (tools/bench/flink, built',
      '                 with Maven): catch-up on 2M JSON events (300k with --quick), then 20,000 events/s live for 4 min (1 min)',
      '  --only cardinality-sweep  only issue 14\'s sweep: the producer\'s --pages/--users at 1x, 10x and 100x the defaults',
      '                 (200/50,000, 2,000/500,000, 20,000/5,000,000), one JSON topic per level (seed 11, same events per',
      '                 level), each caught up by the aggregator, the Flink job and the raw sink alone: events per CPU-s, peak RSS,',
      '                 windows per level. 2M events per level (300k with --quick): 12 minutes on 2 busy cores (load 5-29)',
      '  --baseline DIR with --only flink-vs-aggregator or cardinality-sweep: also catch up with DIR/aggregator/main.js and DIR/raw-sink/main.js',
      '                 (e.g. a copy of main\'s dist/apps) in the same run',
      '  --events N     events preloaded for the catch-up scenarios (default 2,000,000; 300,000 with --quick)',
      'The stack ports come from CLICKSTREAM_KAFKA_PORT, CLICKSTREAM_CLICKHOUSE_PORT, CLICKSTREAM_REDIS_PORT.',
    ].join('\n'));
    return;
  }
  if (values['report-only']) {
    for (const file of writeReport(REPO_ROOT)) console.log(`written ${file}`);
    return;
  }
  await runSuite(values.quick, values.publish, values.only as Only | undefined, values.baseline, values.events === undefined ? undefined : Number(values.events));
}

main().catch((error: unknown) => {
  console.error(`bench: failed: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
