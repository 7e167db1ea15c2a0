import { renderCoreSection } from './core-section';

describe('renderCoreSection', () => {
  const core = {
    scenario: 'core',
    events: 1_000_000,
    machine: { cpus: 2, cpuModel: 'Xeon', memoryGiB: 24, node: 'v20.20.2', loadAverage: [0.5, 0.4, 0.3] },
    throughput: [{ label: 'decode Avro + watermark + window', eventsPerSecond: 741_173, nsPerEvent: 1349 }],
    memory: [{ keys: 100_000, bytesPerKey: null, snapshotMs: 44 }],
  };

  it('renders every array of objects as a table, whatever its fields', () => {
    const { markdown } = renderCoreSection(core, 'bench/results/core-x.json', 'bench-charts');
    expect(markdown).toContain('| label | eventsPerSecond | nsPerEvent |\n| --- | ---: | ---: |\n| decode Avro + watermark + window | 741,173 | 1,349 |');
    expect(markdown).toContain('| 100,000 | – | 44 |');
    expect(markdown).toContain('1,000,000 events, Xeon, 2 cores, 24 GiB, Node v20.20.2, load average 0.5 0.4 0.3');
  });

  it('charts the throughput when it has labels and rates', () => {
    const { markdown, charts } = renderCoreSection(core, 'x', 'bench-charts');
    expect(charts).toHaveLength(1);
    expect(charts[0]?.svg).toContain('741,173 ev/s');
    expect(markdown).toContain('](bench-charts/core-throughput.svg)');
    expect(renderCoreSection({ events: 1 }, 'x', 'c').charts).toHaveLength(0);
  });
});
