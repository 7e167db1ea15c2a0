import { QUIET_STACK_RULE } from '../proc/quiet-stack';
import { levelName } from '../scenarios/sweep-levels';
import { eachRead } from '../stats/combined-catch-up';
import type { CardinalitySweepResult, SweepLevel } from '../suite/cardinality-sweep-result';
import type { CatchUpSide } from '../suite/flink-comparison-result';
import { markdownTable } from './markdown-table';
import { ratio } from './ratio';
import type { RenderedSection } from './rendered-section';
import { formatNumber, renderBarChart, type Bar } from './svg-bar-chart';

const n = formatNumber;
const s = (v: number) => v.toFixed(2);
const MIB = 1024 * 1024;

type Job = keyof SweepLevel['catchUp'];
/** Row order in tables and charts, the chart's series (colour) per job. */
const JOBS: readonly { job: Job; name: string; series: string }[] = [
  { job: 'flink', name: 'Flink reference job', series: 'Flink' },
  { job: 'aggregator', name: 'aggregator', series: 'aggregator' },
  { job: 'rawSink', name: 'raw-sink', series: 'raw-sink' },
  { job: 'aggregatorBaseline', name: 'aggregator, baseline build', series: 'aggregator baseline' },
  { job: 'rawSinkBaseline', name: 'raw-sink, baseline build', series: 'raw-sink baseline' },
];

export interface SweepGoal {
  measure: string;
  figure: number;
  goal: string;
  met: boolean;
}

/**
 * Issue 14's goals, read at the highest level against the lowest (1x): the aggregator's events per
 * CPU-second within 20% of its own 1x figure and at least 1.5x Flink's, its peak RSS at most half of
 * Flink's. None when the run had a single level.
 */
export function sweepGoals(r: CardinalitySweepResult): SweepGoal[] {
  const first = r.levels[0];
  const top = r.levels.at(-1);
  if (!first || !top || first === top) return [];
  const at = `at ${top.factor}x`;
  const own = top.catchUp.aggregator.eventsPerCpuSecond / first.catchUp.aggregator.eventsPerCpuSecond;
  const vsFlink = top.catchUp.aggregator.eventsPerCpuSecond / top.catchUp.flink.eventsPerCpuSecond;
  const rss = top.catchUp.aggregator.peakRssMb / top.catchUp.flink.peakRssMb;
  return [
    { measure: `aggregator events per CPU-second ${at} / its own at ${first.factor}x`, figure: own, goal: '>= 0.80x', met: own >= 0.8 },
    { measure: `aggregator events per CPU-second ${at} / Flink's ${at}`, figure: vsFlink, goal: '>= 1.5x', met: vsFlink >= 1.5 },
    { measure: `aggregator peak RSS ${at} / Flink's ${at}`, figure: rss, goal: '<= 0.5x', met: rss <= 0.5 },
  ];
}

/** Issue 14's figures were taken on 2M events per level: shorter runs weigh the JVM's warm-up more. */
const GOAL_EVENTS_PER_LEVEL = 2_000_000;

/** Cores of other work just before a read (StackQuietWait.otherCores) above which the read's machine was busy. */
const MAX_OTHER_CORES = 0.25;

/** Why a run's figures do not judge the goals: too few events, or a machine busy with other work. */
export function sweepCaveats(r: CardinalitySweepResult): string[] {
  const caveats = [];
  if (r.eventsPerLevel < GOAL_EVENTS_PER_LEVEL) {
    caveats.push(`${n(r.eventsPerLevel)} events per level, fewer than the ${n(GOAL_EVENTS_PER_LEVEL)} the goals are judged on (in short runs Flink's JIT warm-up weighs more)`);
  }
  const all = reads(r);
  const others = all.flatMap((read) => (read.stackQuietWait?.otherCores === undefined ? [] : [read.stackQuietWait.otherCores]));
  if (others.length > 0) {
    // Measured before each read: the load average also counts the stack and the reads before.
    const busyBefore = others.filter((cores) => cores > MAX_OTHER_CORES);
    if (busyBefore.length > 0) {
      caveats.push(`other work used more than ${MAX_OTHER_CORES} of a core just before ${busyBefore.length} of ${others.length} reads (up to ${Math.max(...busyBefore)} cores)`);
    }
  } else {
    const busiest = Math.max(r.loadAverageAtStart[0] ?? 0, ...r.levels.map((l) => l.loadAverageAtStart[0] ?? 0));
    if (busiest > r.machine.cpus) caveats.push(`the machine was busy with other work (1-minute load average up to ${busiest} on ${r.machine.cpus} cores)`);
  }
  const busy = all.filter((read) => read.stackQuietWait?.quiet === false);
  if (busy.length > 0) {
    caveats.push(`${busy.length} of ${all.length} reads started while the broker and ClickHouse were still busy (after waiting ${Math.max(...busy.map((b) => b.stackQuietWait?.waitedSeconds ?? 0))} s for them)`);
  }
  return caveats;
}

/** Every read of every job at every level. */
function reads(r: CardinalitySweepResult): CatchUpSide[] {
  return eachRead(r.levels.flatMap((l) => Object.values(l.catchUp) as CatchUpSide[]));
}

/** How each level's aggregator and Flink reads were ordered (CardinalitySweepResult.readOrder), when they were read twice. */
function readOrderNote(r: CardinalitySweepResult): string {
  if (!r.levels.every((l) => (l.catchUp.aggregator.runs?.length ?? 0) > 1 && (l.catchUp.flink.runs?.length ?? 0) > 1)) return '';
  return r.readOrder === 'there-and-back'
    ? ` (the aggregator and Flink twice each, in two passes over the levels: ascending (aggregator, Flink, then the raw sink${r.baseline ? ' and the baseline builds' : ''}), then descending ` +
        '(Flink, then the aggregator), so a steady drift of the machine over the sweep weighs on every level alike; their figures are over both reads)'
    : ' (the aggregator and Flink twice each, in turns: aggregator, Flink, Flink, aggregator; their figures are over both reads)';
}

function jobsOf(level: SweepLevel): { job: Job; name: string; series: string; t: CatchUpSide }[] {
  return JOBS.flatMap((j) => {
    const t = level.catchUp[j.job];
    return t ? [{ ...j, t }] : [];
  });
}

/** The `npm run bench -- --only cardinality-sweep` result: cost per event and memory as pages and users grow. */
export function renderCardinalitySection(r: CardinalitySweepResult, sourceFile: string, chartDir: string): RenderedSection {
  const first = r.levels[0];
  const goals = sweepGoals(r);
  const lines = [
    `## Cost as pages and users grow: \`npm run bench -- --only cardinality-sweep${r.quick ? ' --quick' : ''}\``,
    '',
    `Result \`${sourceFile}\`, ${r.startedAt} to ${r.finishedAt}, ${r.machine.cpus} cores, load average ${r.loadAverageAtStart.join(' ')} at the start, ` +
      `${r.loadAverageAtEnd.join(' ')} at the end. ${n(r.eventsPerLevel)} JSON events per level from the producer (seed ${r.seed}, ` +
      `${r.partitions} partitions, one topic per level, all preloaded before the first measurement), its \`--pages\` and \`--users\` at ` +
      `${r.levels.map((l) => `${l.factor}x`).join(', ')} the defaults. Each level's topic is read by each job alone with a fresh consumer group` +
      `${readOrderNote(r)}, ` +
      'CPU measured as in the Flink comparison (user + sys from `/proc`, first to last record, start-up excluded), and the run\'s ClickHouse ' +
      'tables are emptied before each level\'s reads (in each pass).' +
      (reads(r).some((read) => read.stackQuietWait !== undefined)
        ? ` Each read starts once the broker and ClickHouse are quiet (${QUIET_STACK_RULE}), so the merges the read before it left behind are not on its clock;` +
          ` the cores other work used in that second are recorded, and a run is flagged when they passed ${MAX_OTHER_CORES} before any read (a load average would count the stack and the reads before).`
        : '') +
      (r.baseline ? ` "Baseline build": the apps built from \`${r.baseline}\`, in the same run.` : ''),
    '',
  ];
  const caveats = sweepCaveats(r);
  if (goals.length > 0) {
    lines.push(
      '### Goals (issue 14)',
      '',
      ...(caveats.length > 0 ? [`**Not a run to judge the goals by:** ${caveats.join('; ')}.`, ''] : []),
      markdownTable(['measure', '>figure', 'goal', 'met'], goals.map((g) => [g.measure, `**${g.figure.toFixed(2)}x**`, g.goal, g.met ? 'yes' : '**no**'])),
      '',
    );
  }
  lines.push(
    '### What each level holds',
    '',
    'Distinct users and windows (minute, page, country) of the events are counted in `clicks_raw` after the raw sink\'s catch-up; ' +
      'windows written and partial rows in `page_minute_agg` after the aggregator\'s (the last windows are still open at the end of ' +
      'the topic, so they are not written). Partial MB: uncompressed bytes of those rows (their user-id arrays included).',
    '',
    markdownTable(
      ['level', '>distinct users', '>windows of page + country', '>windows written', '>partial rows', '>partial MB', '>producer events/s (preload)', '>load average at the level\'s start'],
      r.levels.map((l) => [
        levelName(l), n(l.data.distinctUsers), n(l.data.windows), n(l.aggregatorOutput.windowsWritten), n(l.aggregatorOutput.partialRows),
        (l.aggregatorOutput.partialBytes / MIB).toFixed(1), n(l.producer.eventsPerSecond), l.loadAverageAtStart.join(' '),
      ]),
    ),
    '',
    '### Catch-up per level and job',
    '',
    markdownTable(
      ['level', 'job', '>events/CPU-s', '>vs Flink at this level', `>vs own ${first?.factor ?? 1}x`, '>peak RSS MB', '>RSS vs Flink', '>CPU s', '>wall s'],
      r.levels.flatMap((l) =>
        jobsOf(l).map(({ job, name, t }) => {
          const flink = l.catchUp.flink;
          const own = first?.catchUp[job];
          return [
            `${l.factor}x`, name, `**${n(t.eventsPerCpuSecond)}**`, job === 'flink' ? '–' : ratio(t.eventsPerCpuSecond, flink.eventsPerCpuSecond),
            own ? ratio(t.eventsPerCpuSecond, own.eventsPerCpuSecond) : '–', n(t.peakRssMb), job === 'flink' ? '–' : ratio(t.peakRssMb, flink.peakRssMb),
            s(t.cpuSeconds), s(t.wallSeconds),
          ];
        }),
      ),
    ),
  );
  const bars = (value: (t: CatchUpSide) => number): Bar[] =>
    r.levels.flatMap((l) => jobsOf(l).map(({ name, series, t }) => ({ label: `${l.factor}x: ${name}`, value: value(t), series })));
  const factors = r.levels.map((l) => `${l.factor}x`).join(', ');
  const charts = [
    {
      file: 'cardinality-events-per-cpu-second.svg',
      svg: renderBarChart({ title: `Catch-up events per CPU-second at ${factors} the pages and users (${n(r.eventsPerLevel)} JSON events each)`, unit: 'ev/CPU-s', bars: bars((t) => t.eventsPerCpuSecond) }),
    },
    {
      file: 'cardinality-peak-rss.svg',
      svg: renderBarChart({ title: 'Catch-up peak RSS per level', unit: 'MB', bars: bars((t) => t.peakRssMb) }),
    },
  ];
  lines.push('', ...charts.map((c) => `![${c.file.replace(/\.svg$/, '').replace(/-/g, ' ')}](${chartDir}/${c.file})\n`));
  lines.push('Commands (the jobs\' at the first level only: at the others they differ only in the topic and group):', '', ...Object.entries(firstLevelCommands(r)).map(([k, v]) => `- ${k}: \`${v}\``));
  return { markdown: lines.join('\n'), charts };
}

/** The suite's command and every level's producer, but the jobs' commands of the first level only: the rest repeat them. */
export function firstLevelCommands(r: CardinalitySweepResult): Record<string, string> {
  const firstFactor = r.levels[0]?.factor;
  return Object.fromEntries(
    Object.entries(r.commands).filter(([label]) => {
      const factor = /-(\d+)x(?:-|$)/.exec(label)?.[1];
      return factor === undefined || label.startsWith('producer') || Number(factor) === firstFactor;
    }),
  );
}
