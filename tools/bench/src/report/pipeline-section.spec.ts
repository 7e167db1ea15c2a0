import { renderPipelineSection } from './pipeline-section';
import { samplePipelineResult } from './testing/sample-pipeline-result';

describe('renderPipelineSection', () => {
  const section = renderPipelineSection(samplePipelineResult(), 'bench/results/pipeline-x.json', 'bench-charts');

  it('states the command, the machine and the load', () => {
    expect(section.markdown).toContain('## Pipeline on the real stack: `npm run bench -- --quick`');
    expect(section.markdown).toContain('2 cores (Intel(R) Xeon(R) Processor), 24 GiB');
    expect(section.markdown).toContain('Node v20.20.2');
    expect(section.markdown).toContain('Load average 11.15 9.33 5.85 at the start');
  });

  it('has a throughput row per app with events per CPU-second in bold', () => {
    expect(section.markdown).toMatch(/\| aggregator \| catch-up, Avro \| 300,000 \| 11\.46 \| 26,174 \| 2\.28 \| \*\*131,579\*\* \| 298 \|/);
    expect(section.markdown).toContain('| bare kafkajs consumer |');
    expect(section.markdown).toContain('Aggregator (Avro) at **36%**');
  });

  it('shows latency percentiles and links every chart it renders', () => {
    expect(section.markdown).toMatch(/produce → row in `clicks_raw`.*\| 598,260 \| 1,777 \| 4,229 \| 5,059 \| 5,545 \|/);
    for (const chart of section.charts) expect(section.markdown).toContain(`](bench-charts/${chart.file})`);
    expect(section.charts.map((c) => c.file)).toEqual(['pipeline-cpu-efficiency.svg', 'pipeline-throughput.svg', 'freshness-latency.svg']);
    expect(section.charts[2]?.svg).toContain('row in clicks_raw p99');
  });
});
