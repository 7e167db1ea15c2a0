import type { FlinkComparisonResult } from '../suite/flink-comparison-result';
import { combineCatchUpRuns } from '../stats/combined-catch-up';
import { renderFlinkSection } from './flink-section';
import { sampleCatchUpSide, sampleRunInfo } from './testing/sample-results';

function sample(withBaseline: boolean): FlinkComparisonResult {
  const live = (cores: number) => ({ cores, cpuSeconds: cores * 120, peakRssMb: 300, recordsAtEnd: 4_800_000 });
  return {
    suite: 'flink',
    ...sampleRunInfo({ suite: 'npm run bench -- --only flink-vs-aggregator' }),
    partitions: 4,
    seed: 11,
    format: 'json',
    catchUp: {
      aggregator: sampleCatchUpSide(300_000, 250),
      flink: sampleCatchUpSide(200_000, 900),
      rawSink: sampleCatchUpSide(250_000, 260),
      ...(withBaseline ? { aggregatorBaseline: sampleCatchUpSide(150_000, 300) } : {}),
    },
    ...(withBaseline ? { baseline: 'tmp/baseline' } : {}),
    live: { rate: 20_000, seconds: 240, measuredFromSecond: 60, measuredSeconds: 120, generated: 4_800_000, aggregator: live(0.1), flink: live(0.2), rawSink: { ...live(0.08), recordsAtEnd: 4_000_000 } },
  };
}

describe('renderFlinkSection', () => {
  it('puts the ratios to Flink first, against the goals of the issue', () => {
    const { markdown } = renderFlinkSection(sample(false), 'bench/results/flink-x.json', 'bench-charts');
    expect(markdown).toContain('| catch-up events per CPU-second | 300,000 | 200,000 | **1.50x** | >= 1.5x |');
    expect(markdown).toContain('| cores used at a live 20,000 events/s | 0.100 | 0.200 | **0.50x** | <= 0.67x |');
    expect(markdown).not.toContain('baseline build');
    expect(markdown).not.toContain('the producer sent');
  });

  it('says when a job fell behind the live rate, and links both charts', () => {
    const section = renderFlinkSection(sample(false), 'bench/results/flink-x.json', 'bench-charts');
    expect(section.markdown).toContain('| raw-sink | **0.080** | 9.60 | 300 | 4,000,000 (fell behind) |');
    expect(section.markdown).toContain('**Not a valid live comparison:** raw-sink had not taken in every event');
    expect(section.charts.map((c) => c.file)).toEqual(['flink-catch-up.svg', 'flink-live-cores.svg']);
    for (const chart of section.charts) expect(section.markdown).toContain(`](bench-charts/${chart.file})`);
  });

  it('lists each read under a job that read the topic in turns, and says so', () => {
    const r = sample(false);
    const twice = (first: number, second: number) => combineCatchUpRuns([sampleCatchUpSide(first, 250), sampleCatchUpSide(second, 260)]);
    const { markdown } = renderFlinkSection({ ...r, catchUp: { ...r.catchUp, aggregator: twice(280_000, 320_000), flink: twice(190_000, 210_000) } }, 'bench/results/flink-x.json', 'bench-charts');
    expect(markdown).toContain('in turns: aggregator, Flink, Flink, aggregator');
    expect(markdown).toContain('| catch-up events per CPU-second | 298,667 | 199,500 | **1.50x** | >= 1.5x |');
    expect(markdown).toContain('| &nbsp;&nbsp;aggregator, read 2 of 2 | 2,000,000 |');
    expect(markdown).toContain('| 320,000 |');
    expect(markdown).toContain('| &nbsp;&nbsp;Flink reference job, read 1 of 2 |');
  });

  it('says the catch-up reads waited for a quiet broker and ClickHouse, when they did', () => {
    const r = sample(false);
    const sentence = 'Each catch-up read starts once the broker and ClickHouse are quiet';
    expect(renderFlinkSection(r, 'bench/results/flink-x.json', 'bench-charts').markdown).not.toContain(sentence);
    const waited = { ...r, catchUp: { ...r.catchUp, rawSink: { ...r.catchUp.rawSink, stackQuietWait: { waitedSeconds: 4.2, quiet: true } } } };
    expect(renderFlinkSection(waited, 'bench/results/flink-x.json', 'bench-charts').markdown).toContain(sentence);
  });

  it('shows the baseline build beside ours when the run had one', () => {
    const section = renderFlinkSection(sample(true), 'bench/results/flink-x.json', 'bench-charts');
    expect(section.markdown).toContain('| catch-up events per CPU-second, baseline build of the aggregator | 150,000 | 200,000 | 0.75x | before |');
    expect(section.markdown).toContain('| aggregator, baseline build (tmp/baseline) |');
    expect(section.charts[0]?.svg).toContain('aggregator, baseline build');
  });
});
