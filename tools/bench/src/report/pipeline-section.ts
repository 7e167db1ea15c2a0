import type { PipelineResult, Throughput } from '../suite/bench-result';
import { markdownTable } from './markdown-table';
import type { RenderedSection } from './rendered-section';
import { formatNumber, renderBarChart } from './svg-bar-chart';
import { evaluateTargets } from './targets';

const n = formatNumber;
const s = (v: number) => v.toFixed(2);

function throughputRow(app: string, scenario: string, t: Throughput): string[] {
  return [app, scenario, n(t.events), s(t.wallSeconds), n(t.eventsPerSecond), s(t.cpuSeconds), `**${n(t.eventsPerCpuSecond)}**`, n(t.peakRssMb), s(t.kafkaCpuSeconds), s(t.clickhouseCpuSeconds)];
}

/** The `npm run bench` result as Markdown tables plus throughput and latency charts. */
export function renderPipelineSection(r: PipelineResult, sourceFile: string, chartDir: string): RenderedSection {
  const m = r.machine;
  const c = r.catchUp;
  const f = r.freshness;
  const lines: string[] = [
    `## Pipeline on the real stack: \`npm run bench${r.quick ? ' -- --quick' : ''}\``,
    '',
    `Result \`${sourceFile}\`, ${r.quick ? 'quick run' : 'full run'} from ${r.startedAt} to ${r.finishedAt}. ` +
      `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; Kafka, ClickHouse and Redis on the same cores. ` +
      `Load average ${r.loadAverageAtStart.join(' ')} at the start, ${r.loadAverageAtEnd.join(' ')} at the end. ` +
      `Topics of ${r.partitions} partitions and a database of the run's own, dropped at the end.`,
    '',
    'Events/s is wall time; events per CPU-second divide by the app process\'s own user + sys CPU from `/proc/<pid>/stat`, ' +
      'counted from the last metrics poll (every 200 ms) before its first event to the poll that saw the last one (start-up excluded). ' +
      'Kafka and ClickHouse CPU are their processes\' CPU over the same interval.',
    '',
    '### Throughput',
    '',
    markdownTable(
      ['app', 'scenario', '>events', '>wall s', '>events/s', '>app CPU s', '>events/CPU-s', '>peak RSS MB', '>Kafka CPU s', '>ClickHouse CPU s'],
      [
        throughputRow('producer', `top speed, ${r.producer.maxRate.format}, 1 request in flight (to the last poll before it exits)`, r.producer.maxRate),
        throughputRow('aggregator', 'catch-up, Avro', c.aggregatorAvro),
        throughputRow('aggregator', 'catch-up, JSON', c.aggregatorJson),
        throughputRow('raw-sink', 'catch-up, Avro', c.rawSink),
        throughputRow('bare kafkajs consumer', 'reads the Avro topic, no decoding (the ceiling)', c.bareConsumer),
      ],
    ),
    '',
    `Aggregator (Avro) at **${c.aggregatorPercentOfCeiling}%** of the bare consumer's events per CPU-second.`,
    '',
    '![events per CPU-second](' + `${chartDir}/pipeline-cpu-efficiency.svg)`,
    '',
    '![events per second](' + `${chartDir}/pipeline-throughput.svg)`,
    '',
    '### Producer rate accuracy',
    '',
    markdownTable(
      ['>asked/s', '>run s', '>achieved/s', '>error', '>CPU s', '>peak RSS MB'],
      r.producer.accuracy.map((a) => [n(a.askedRate), s(a.durationSeconds), n(a.achievedRate), `${a.errorPercent}%`, s(a.cpuSeconds), n(a.peakRssMb)]),
    ),
    '',
    `### Freshness at ${n(f.rate)} events/s for ${Math.round(f.durationSeconds)} s (achieved ${n(f.achievedRate)}/s)`,
    '',
    markdownTable(
      ['what', '>samples', '>p50 ms', '>p95 ms', '>p99 ms', '>max ms'],
      [
        ['produce → row in `clicks_raw` (`ingested_at − ts`, jitter off)', f.rawRowVisibleMs],
        [`watermark passes window end → window row in \`page_minute_agg\` (\`flushed_at − window_end − 10 s\`; windows closed: ${f.windowsClosed})`, f.windowVisibleMs],
      ].map(([label, l]) => {
        const lat = l as PipelineResult['freshness']['rawRowVisibleMs'];
        return lat ? [label as string, n(lat.count), n(lat.p50), n(lat.p95), n(lat.p99), n(lat.max)] : [label as string, '0', '–', '–', '–', '–'];
      }),
    ),
    '',
    `CPU over the run: aggregator ${s(f.aggregator.cpuSeconds)} s (peak RSS ${f.aggregator.peakRssMb} MB), raw-sink ${s(f.rawSink.cpuSeconds)} s ` +
      `(peak RSS ${f.rawSink.peakRssMb} MB), Kafka ${s(f.kafkaCpuSeconds)} s, ClickHouse ${s(f.clickhouseCpuSeconds)} s.`,
    '',
    '![freshness percentiles](' + `${chartDir}/freshness-latency.svg)`,
    '',
    '### Checkpoints and restart',
    '',
    markdownTable(
      ['>open keys', '>events', '>flushes measured', '>mean flush ms (per partition)', '>slowest flush ≤ ms', '>mean checkpoint KB (per partition)', '>all partitions KB (mean × partitions)', '>aggregator peak RSS MB', '>RSS after MB'],
      r.checkpoints.map((k) => [
        n(k.openKeys), n(k.events), String(k.flushes), k.meanFlushMs === null ? '–' : n(k.meanFlushMs), k.maxFlushMsBound === null ? '–' : n(k.maxFlushMsBound),
        k.meanCheckpointBytes === null ? '–' : n(k.meanCheckpointBytes / 1024), k.checkpointBytesAllPartitions === null ? '–' : n(k.checkpointBytesAllPartitions / 1024), n(k.peakRssMb), k.rssAfterMb === undefined ? '–' : n(k.rssAfterMb),
      ]),
    ),
    '',
    'A flush is what `stream_flush_duration_seconds` times: announce + ClickHouse writes + the checkpoint commit to Redis, one per partition, ' +
      'taken after every event was in (all keys in the state). Serializing the state (`cut()`) happens before and is not in that metric.',
    '',
    markdownTable(
      ['run', '>session timeout ms', '>traffic events/s', '>spawn → /metrics ms', '>spawn → first record processed ms'],
      r.restart.map((x, i) => [String(i + 1), n(x.sessionTimeoutMs), n(x.trafficRate), n(x.spawnToMetricsMs), `**${n(x.restartToResumedMs)}**`]),
    ),
    '',
    '### Targets (reported, not asserted)',
    '',
    markdownTable(['target', 'measured', 'met'], evaluateTargets(r).map((t) => [t.target, t.measured, t.met === null ? '–' : t.met ? 'yes' : '**no**'])),
    '',
    '### Commands',
    '',
    '<details><summary>Every process the suite started (<code>&lt;run&gt;</code>: the run\'s own topic, group and database prefix)</summary>',
    '',
    '```',
    ...Object.entries(r.commands).map(([label, cmd]) => `# ${label}\n${cmd}`),
    '```',
    '',
    '</details>',
  ];

  const efficiencyBars = [
    { label: 'aggregator, Avro', value: c.aggregatorAvro.eventsPerCpuSecond },
    { label: 'aggregator, JSON', value: c.aggregatorJson.eventsPerCpuSecond },
    { label: 'raw-sink, Avro', value: c.rawSink.eventsPerCpuSecond },
    { label: 'bare kafkajs consumer (ceiling)', value: c.bareConsumer.eventsPerCpuSecond },
    { label: 'producer, top speed', value: r.producer.maxRate.eventsPerCpuSecond },
  ];
  const latencyBars = (['p50', 'p95', 'p99'] as const).flatMap((p) => [
    ...(f.rawRowVisibleMs ? [{ label: `row in clicks_raw ${p}`, value: f.rawRowVisibleMs[p], series: 'raw' }] : []),
    ...(f.windowVisibleMs ? [{ label: `window in page_minute_agg ${p}`, value: f.windowVisibleMs[p], series: 'window' }] : []),
  ]);
  return {
    markdown: lines.join('\n'),
    charts: [
      { file: 'pipeline-cpu-efficiency.svg', svg: renderBarChart({ title: 'Events per CPU-second of the app process', unit: 'ev/CPU-s', bars: efficiencyBars, marker: { value: 150_000, label: 'aggregator target' } }) },
      {
        file: 'pipeline-throughput.svg',
        svg: renderBarChart({
          title: 'Events per second (wall)',
          unit: 'ev/s',
          bars: efficiencyBars.map((b, i) => ({ label: b.label, value: [c.aggregatorAvro, c.aggregatorJson, c.rawSink, c.bareConsumer, r.producer.maxRate][i]?.eventsPerSecond ?? 0 })),
        }),
      },
      { file: 'freshness-latency.svg', svg: renderBarChart({ title: `Freshness at ${n(f.rate)} events/s: latency percentiles`, unit: 'ms', bars: latencyBars, marker: { value: 1_000, label: 'target p99 1 s' } }) },
    ],
  };
}
