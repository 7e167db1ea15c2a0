import { QUIET_STACK_RULE } from '../proc/quiet-stack';
import { eachRead } from '../stats/combined-catch-up';
import type { CatchUpSide, FlinkComparisonResult } from '../suite/flink-comparison-result';
import { markdownTable } from './markdown-table';
import { ratio } from './ratio';
import type { RenderedSection } from './rendered-section';
import { formatNumber, renderBarChart } from './svg-bar-chart';

const n = formatNumber;
const s = (v: number) => v.toFixed(2);

/** The `npm run bench -- --only flink-vs-aggregator` result: Flink and ours side by side, ratios first. */
export function renderFlinkSection(r: FlinkComparisonResult, sourceFile: string, chartDir: string): RenderedSection {
  const c = r.catchUp;
  const l = r.live;
  const lines = [
    `## Side by side with Apache Flink: \`npm run bench -- --only flink-vs-aggregator${r.quick ? ' --quick' : ''}\``,
    '',
    `Result \`${sourceFile}\`, ${r.startedAt} to ${r.finishedAt}, ${r.machine.cpus} cores, load average ${r.loadAverageAtStart.join(' ')} at the start, ` +
      `${r.loadAverageAtEnd.join(' ')} at the end. One topic of ${r.partitions} partitions, ${n(c.rawSink.events)} JSON events from the producer ` +
      `(seed ${r.seed}), read by each job with a fresh consumer group, one job at a time${inTurns(c.aggregator, c.flink) ? ' (the aggregator and Flink twice each, in turns: aggregator, Flink, Flink, aggregator; their figures are over both reads, each read is listed under them)' : ''}; ` +
      'then a live topic read by all three at once. ' +
      'The reference job is `tools/bench/flink` (Flink 1.20, local mini-cluster, parallelism 1, Jackson POJO, 10 s bounded out-of-orderness, ' +
      'keyBy page + country, 1-minute tumbling event-time windows of clicks and a HashSet of users, late side output, heap state, no checkpoints, ' +
      'results to a counting sink: its cost floor; the aggregator also writes ClickHouse and checkpoints to Redis).' +
      (r.baseline ? ` "Baseline build": the apps built from \`${r.baseline}\` (main before this change), in the same run, catch-up and live.` : ''),
    '',
    'CPU is measured the same way for every process: user + sys from `/proc/<pid>/stat`. Catch-up counts from the last metrics poll ' +
      '(every 200 ms) before the first record to the poll that saw the last one, so start-up (the JVM and Flink\'s mini-cluster; Node and ' +
      'the group join) is excluded for both; "whole process CPU" shows it included. Live: CPU over the middle half of the producer\'s run, ' +
      'divided by that wall time.' +
      (eachRead([c.aggregator, c.flink, c.rawSink]).some((read) => read.stackQuietWait !== undefined)
        ? ` Each catch-up read starts once the broker and ClickHouse are quiet (${QUIET_STACK_RULE}).`
        : ''),
    '',
    '### Ratios (ours / Flink, same run)',
    '',
    markdownTable(
      ['measure', '>aggregator', '>Flink', '>ratio', 'goal (issue 15)'],
      [
        ['catch-up events per CPU-second', n(c.aggregator.eventsPerCpuSecond), n(c.flink.eventsPerCpuSecond), `**${ratio(c.aggregator.eventsPerCpuSecond, c.flink.eventsPerCpuSecond)}**`, '>= 1.5x'],
        [`cores used at a live ${n(l.rate)} events/s`, l.aggregator.cores.toFixed(3), l.flink.cores.toFixed(3), `**${ratio(l.aggregator.cores, l.flink.cores)}**`, '<= 0.67x'],
        ['catch-up peak RSS MB', n(c.aggregator.peakRssMb), n(c.flink.peakRssMb), ratio(c.aggregator.peakRssMb, c.flink.peakRssMb), 'keep well below'],
        ...(l.aggregatorBaseline
          ? [[`cores at a live ${n(l.rate)} events/s, baseline build of the aggregator`, l.aggregatorBaseline.cores.toFixed(3), l.flink.cores.toFixed(3), ratio(l.aggregatorBaseline.cores, l.flink.cores), 'before']]
          : []),
        ...(c.aggregatorBaseline
          ? [['catch-up events per CPU-second, baseline build of the aggregator', n(c.aggregatorBaseline.eventsPerCpuSecond), n(c.flink.eventsPerCpuSecond), ratio(c.aggregatorBaseline.eventsPerCpuSecond, c.flink.eventsPerCpuSecond), 'before']]
          : []),
        ['catch-up wall seconds', s(c.aggregator.wallSeconds), s(c.flink.wallSeconds), ratio(c.aggregator.wallSeconds, c.flink.wallSeconds), '–'],
      ],
    ),
    '',
    '### Catch-up',
    '',
    markdownTable(
      ['job', '>events', '>wall s', '>events/s', '>CPU s', '>events/CPU-s', '>whole process CPU s', '>peak RSS MB', '>Kafka CPU s', '>ClickHouse CPU s'],
      ([
        ['aggregator', c.aggregator],
        ['Flink reference job', c.flink],
        ['raw-sink', c.rawSink],
        ...(c.aggregatorBaseline ? [[`aggregator, baseline build (${r.baseline ?? '?'})`, c.aggregatorBaseline] as const] : []),
        ...(c.rawSinkBaseline ? [[`raw-sink, baseline build (${r.baseline ?? '?'})`, c.rawSinkBaseline] as const] : []),
      ] as const).flatMap(([name, t]) => [
        [name, n(t.events), s(t.wallSeconds), n(t.eventsPerSecond), s(t.cpuSeconds), `**${n(t.eventsPerCpuSecond)}**`, s(t.wholeProcessCpuSeconds), n(t.peakRssMb), s(t.kafkaCpuSeconds), s(t.clickhouseCpuSeconds)],
        ...(t.runs ?? []).map((run, i, runs) => [
          `&nbsp;&nbsp;${name}, read ${i + 1} of ${runs.length}`, n(run.events), s(run.wallSeconds), n(run.eventsPerSecond), s(run.cpuSeconds), n(run.eventsPerCpuSecond), s(run.wholeProcessCpuSeconds), n(run.peakRssMb), s(run.kafkaCpuSeconds), s(run.clickhouseCpuSeconds),
        ]),
      ]),
    ),
    '',
    `### Live: ${n(l.rate)} JSON events/s for ${l.seconds} s (${n(l.generated)} events), CPU from second ${l.measuredFromSecond} for ${s(l.measuredSeconds)} s`,
    '',
    ...liveValidity(r),
    markdownTable(
      ['job', '>cores', '>CPU s', '>peak RSS MB', '>records taken in'],
      ([
        ['aggregator', l.aggregator],
        ['Flink reference job', l.flink],
        ['raw-sink', l.rawSink],
        ...(l.aggregatorBaseline ? [['aggregator, baseline build', l.aggregatorBaseline] as const] : []),
        ...(l.rawSinkBaseline ? [['raw-sink, baseline build', l.rawSinkBaseline] as const] : []),
      ] as const).map(([name, u]) => [
        name, `**${u.cores.toFixed(3)}**`, s(u.cpuSeconds), n(u.peakRssMb), `${n(u.recordsAtEnd)}${u.recordsAtEnd < l.generated ? ' (fell behind)' : ''}`,
      ]),
    ),
  ];
  const charts = [
    {
      file: 'flink-catch-up.svg',
      svg: renderBarChart({
        title: `Catch-up on ${n(c.rawSink.events)} JSON events: events per CPU-second`,
        unit: 'ev/CPU-s',
        bars: [
          { label: 'Flink reference job', value: c.flink.eventsPerCpuSecond, series: 'flink' },
          { label: 'aggregator', value: c.aggregator.eventsPerCpuSecond, series: 'ours' },
          { label: 'raw-sink', value: c.rawSink.eventsPerCpuSecond, series: 'ours' },
          ...(c.aggregatorBaseline ? [{ label: 'aggregator, baseline build', value: c.aggregatorBaseline.eventsPerCpuSecond, series: 'baseline' }] : []),
          ...(c.rawSinkBaseline ? [{ label: 'raw-sink, baseline build', value: c.rawSinkBaseline.eventsPerCpuSecond, series: 'baseline' }] : []),
        ],
        marker: { value: c.flink.eventsPerCpuSecond * 1.5, label: 'goal: 1.5x Flink' },
      }),
    },
    {
      file: 'flink-live-cores.svg',
      svg: renderBarChart({
        title: `Live ${n(l.rate)} JSON events/s: milli-cores used`,
        unit: 'millicores',
        bars: [
          { label: 'Flink reference job', value: l.flink.cores * 1000, series: 'flink' },
          { label: 'aggregator', value: l.aggregator.cores * 1000, series: 'ours' },
          { label: 'raw-sink', value: l.rawSink.cores * 1000, series: 'ours' },
          ...(l.aggregatorBaseline ? [{ label: 'aggregator, baseline build', value: l.aggregatorBaseline.cores * 1000, series: 'baseline' }] : []),
          ...(l.rawSinkBaseline ? [{ label: 'raw-sink, baseline build', value: l.rawSinkBaseline.cores * 1000, series: 'baseline' }] : []),
        ],
        marker: { value: (l.flink.cores * 1000 * 2) / 3, label: 'goal: 2/3 of Flink' },
      }),
    },
  ];
  lines.push('', `![catch-up events per CPU-second](${chartDir}/flink-catch-up.svg)`, '', `![live cores](${chartDir}/flink-live-cores.svg)`);
  lines.push('', 'Commands:', '', ...Object.entries(r.commands).map(([k, v]) => `- ${k}: \`${v}\``));
  return { markdown: lines.join('\n'), charts };
}

/** Whether the aggregator and Flink read the topic in turns (results from before that read once each). */
function inTurns(aggregator: CatchUpSide, flink: CatchUpSide): boolean {
  return (aggregator.runs?.length ?? 0) > 1 && (flink.runs?.length ?? 0) > 1;
}

/** A live run only compares jobs when the producer held the rate and every job kept up with it. */
function liveValidity(r: FlinkComparisonResult): string[] {
  const l = r.live;
  const asked = l.rate * l.seconds;
  const behind = [['aggregator', l.aggregator], ['Flink', l.flink], ['raw-sink', l.rawSink]].filter(([, u]) => (u as { recordsAtEnd: number }).recordsAtEnd < l.generated).map(([name]) => name);
  const problems = [];
  if (l.generated < asked * 0.9) problems.push(`the producer sent ${n(l.generated)} of the ${n(asked)} events asked (${n(l.generated / l.seconds)}/s)`);
  if (behind.length > 0) problems.push(`${behind.join(', ')} had not taken in every event 60 s after the producer stopped`);
  return problems.length === 0 ? [] : [`**Not a valid live comparison:** ${problems.join('; ')}. The machine could not hold the rate; rerun on a quieter one.`, ''];
}
