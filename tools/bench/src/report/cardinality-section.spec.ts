import type { CardinalitySweepResult, SweepLevel } from '../suite/cardinality-sweep-result';
import { firstLevelCommands, renderCardinalitySection, sweepCaveats, sweepGoals } from './cardinality-section';
import { sampleCatchUpSide, sampleRunInfo } from './testing/sample-results';

function level(factor: number, jobs: { aggregator: [number, number]; flink: [number, number]; rawSink: [number, number]; aggregatorBaseline?: [number, number] }): SweepLevel {
  return {
    factor,
    pages: 200 * factor,
    users: 50_000 * factor,
    loadAverageAtStart: [factor / 100, 0.5, 0.25],
    producer: { ...sampleCatchUpSide(100_000, 150), eventsPerSecond: 80_000 },
    data: { distinctUsers: 40_000 * factor, windows: 3_000 * factor },
    aggregatorOutput: { windowsWritten: 2_900 * factor, partialRows: 10_000 * factor, partialBytes: 2 * 1024 * 1024 * factor },
    catchUp: {
      aggregator: sampleCatchUpSide(...jobs.aggregator),
      flink: sampleCatchUpSide(...jobs.flink),
      rawSink: sampleCatchUpSide(...jobs.rawSink),
      ...(jobs.aggregatorBaseline ? { aggregatorBaseline: sampleCatchUpSide(...jobs.aggregatorBaseline) } : {}),
    },
  };
}

function sample(options: { baseline?: boolean; top?: [number, number] } = {}): CardinalitySweepResult {
  const baseline = (v: number): { aggregatorBaseline?: [number, number] } => (options.baseline ? { aggregatorBaseline: [v, 400] } : {});
  return {
    suite: 'cardinality',
    ...sampleRunInfo({
      suite: 'npm run bench -- --only cardinality-sweep --events 2000000',
      'producer-top-speed-json-1x': 'node dist/apps/producer/main.js --pages 200',
      'producer-top-speed-json-100x': 'node dist/apps/producer/main.js --pages 20000',
      'aggregator-catch-up-1x': 'node dist/apps/aggregator/main.js --topic <run>_sweep_1x',
      'aggregator-catch-up-100x': 'node dist/apps/aggregator/main.js --topic <run>_sweep_100x',
      'aggregator-catch-up-1x-read1': 'node dist/apps/aggregator/main.js --topic <run>_sweep_1x',
      'aggregator-catch-up-100x-read1': 'node dist/apps/aggregator/main.js --topic <run>_sweep_100x',
    }),
    partitions: 4,
    seed: 11,
    format: 'json',
    eventsPerLevel: 2_000_000,
    ...(options.baseline ? { baseline: 'tmp/baseline' } : {}),
    levels: [
      level(1, { aggregator: [300_000, 250], flink: [200_000, 900], rawSink: [150_000, 260], ...baseline(150_000) }),
      level(10, { aggregator: [270_000, 300], flink: [190_000, 1_000], rawSink: [140_000, 270], ...baseline(100_000) }),
      level(100, { aggregator: options.top ?? [120_000, 700], flink: [180_000, 1_100], rawSink: [135_000, 280], ...baseline(60_000) }),
    ],
  };
}

describe('sweepGoals', () => {
  it('reads issue 14\'s goals at the top level against the first', () => {
    expect(sweepGoals(sample())).toEqual([
      { measure: 'aggregator events per CPU-second at 100x / its own at 1x', figure: 0.4, goal: '>= 0.80x', met: false },
      { measure: 'aggregator events per CPU-second at 100x / Flink\'s at 100x', figure: 120_000 / 180_000, goal: '>= 1.5x', met: false },
      { measure: 'aggregator peak RSS at 100x / Flink\'s at 100x', figure: 700 / 1_100, goal: '<= 0.5x', met: false },
    ]);
    expect(sweepGoals(sample({ top: [270_000, 550] })).map((g) => g.met)).toEqual([true, true, true]);
  });

  it('says how each level\'s two reads were ordered: in two passes over the levels, or one after the other', () => {
    const twice = (r: CardinalitySweepResult): CardinalitySweepResult => ({
      ...r,
      levels: r.levels.map((l) => ({
        ...l,
        catchUp: {
          ...l.catchUp,
          aggregator: { ...l.catchUp.aggregator, runs: [l.catchUp.aggregator, l.catchUp.aggregator] },
          flink: { ...l.catchUp.flink, runs: [l.catchUp.flink, l.catchUp.flink] },
        },
      })),
    });
    const passes = 'in two passes over the levels: ascending (aggregator, Flink, then the raw sink), then descending (Flink, then the aggregator)';
    const inTurns = 'in turns: aggregator, Flink, Flink, aggregator';
    const thereAndBack = renderCardinalitySection(twice({ ...sample(), readOrder: 'there-and-back' }), 'x.json', 'c').markdown;
    expect(thereAndBack).toContain(passes);
    expect(thereAndBack).not.toContain(inTurns);
    const older = renderCardinalitySection(twice(sample()), 'x.json', 'c').markdown;
    expect(older).toContain(inTurns);
    expect(older).not.toContain(passes);
    // Read once: neither.
    const once = renderCardinalitySection({ ...sample(), readOrder: 'there-and-back' }, 'x.json', 'c').markdown;
    expect(once).not.toContain(passes);
    expect(once).not.toContain(inTurns);
  });

  it('has no goals for a single level', () => {
    const one = sample();
    expect(sweepGoals({ ...one, levels: one.levels.slice(0, 1) })).toEqual([]);
  });
});

describe('sweepCaveats', () => {
  it('has none for a full-size run on a quiet machine', () => {
    expect(sweepCaveats(sample())).toEqual([]);
  });

  it('says how many reads started before the broker and ClickHouse went quiet, and how each read waited', () => {
    const run = sample();
    const waited = (quiet: boolean, waitedSeconds: number) => ({ stackQuietWait: { quiet, waitedSeconds } });
    const levels = run.levels.map((l, i) => ({
      ...l,
      catchUp: {
        ...l.catchUp,
        aggregator: { ...l.catchUp.aggregator, runs: [{ ...l.catchUp.aggregator, ...waited(true, 3) }, { ...l.catchUp.aggregator, ...waited(i !== 2, 90.2) }] },
        flink: { ...l.catchUp.flink, ...waited(true, 1) },
        rawSink: { ...l.catchUp.rawSink, ...waited(i !== 1, 90.1) },
      },
    }));
    const withWaits = { ...run, levels };
    expect(sweepCaveats(withWaits)).toEqual(['2 of 12 reads started while the broker and ClickHouse were still busy (after waiting 90.2 s for them)']);
    expect(renderCardinalitySection(withWaits, 'x.json', 'c').markdown).toContain('Each read starts once the broker and ClickHouse are quiet');
    expect(renderCardinalitySection(run, 'x.json', 'c').markdown).not.toContain('Each read starts once the broker and ClickHouse are quiet');
  });

  it('judges a busy machine by the other work measured before each read, when the run has it, not by the load average', () => {
    const run = sample();
    const levels = run.levels.map((l, i) => ({
      ...l,
      loadAverageAtStart: [9, 9, 9],
      catchUp: {
        ...l.catchUp,
        aggregator: { ...l.catchUp.aggregator, stackQuietWait: { waitedSeconds: 1, quiet: true, otherCores: i === 1 ? 0.62 : 0.02 } },
        flink: { ...l.catchUp.flink, stackQuietWait: { waitedSeconds: 1, quiet: true, otherCores: i === 2 ? 0.3 : 0.01 } },
        rawSink: { ...l.catchUp.rawSink, stackQuietWait: { waitedSeconds: 1, quiet: true, otherCores: 0 } },
      },
    }));
    expect(sweepCaveats({ ...run, levels })).toEqual(['other work used more than 0.25 of a core just before 2 of 9 reads (up to 0.62 cores)']);
    const quietLevels = levels.map((l) => ({ ...l, catchUp: { ...l.catchUp, aggregator: { ...l.catchUp.aggregator, stackQuietWait: { waitedSeconds: 1, quiet: true, otherCores: 0.1 } }, flink: { ...l.catchUp.flink, stackQuietWait: { waitedSeconds: 1, quiet: true, otherCores: 0.1 } } } }));
    // A load average of 9 on 2 cores, all of it the stack and the reads: no caveat.
    expect(sweepCaveats({ ...run, loadAverageAtStart: [9, 9, 9], levels: quietLevels })).toEqual([]);
  });

  it('says when a run is too short or the machine was busy at any level', () => {
    const run = sample();
    const busy = { ...run, eventsPerLevel: 300_000, levels: run.levels.map((l, i) => (i === 2 ? { ...l, loadAverageAtStart: [12.5, 8, 4] } : l)) };
    expect(sweepCaveats(busy)).toEqual([
      '300,000 events per level, fewer than the 2,000,000 the goals are judged on (in short runs Flink\'s JIT warm-up weighs more)',
      'the machine was busy with other work (1-minute load average up to 12.5 on 2 cores)',
    ]);
    expect(renderCardinalitySection(busy, 'bench/results/cardinality-x.json', 'bench-charts').markdown).toContain('**Not a run to judge the goals by:** 300,000 events per level');
  });
});

describe('renderCardinalitySection', () => {
  it('gives each level and job its events per CPU-second, its ratios to Flink and to its own first level, and its peak RSS', () => {
    const { markdown } = renderCardinalitySection(sample(), 'bench/results/cardinality-x.json', 'bench-charts');
    expect(markdown).toContain('| 1x | Flink reference job | **200,000** | – | 1.00x | 900 | – | 10.00 | 20.00 |');
    expect(markdown).toContain('| 1x | aggregator | **300,000** | 1.50x | 1.00x | 250 | 0.28x | 6.67 | 20.00 |');
    expect(markdown).toContain('| 100x | aggregator | **120,000** | 0.67x | 0.40x | 700 | 0.64x | 16.67 | 20.00 |');
    expect(markdown).toContain('| 100x | raw-sink | **135,000** | 0.75x | 0.90x | 280 | 0.25x | 14.81 | 20.00 |');
    expect(markdown).toContain('| aggregator events per CPU-second at 100x / its own at 1x | **0.40x** | >= 0.80x | **no** |');
    expect(markdown).not.toContain('baseline build');
  });

  it('says what each level holds (users, windows, partials) and the load it ran under', () => {
    const { markdown } = renderCardinalitySection(sample(), 'bench/results/cardinality-x.json', 'bench-charts');
    expect(markdown).toContain('| 10x (2,000 pages, 500,000 users) | 400,000 | 30,000 | 29,000 | 100,000 | 20.0 | 80,000 | 0.1 0.5 0.25 |');
  });

  it('puts the baseline build beside ours, its ratio to its own first level', () => {
    const section = renderCardinalitySection(sample({ baseline: true }), 'bench/results/cardinality-x.json', 'bench-charts');
    expect(section.markdown).toContain('| 100x | aggregator, baseline build | **60,000** | 0.33x | 0.40x | 400 | 0.36x |');
    expect(section.markdown).toContain('the apps built from `tmp/baseline`');
    expect(section.charts[0]?.svg).toContain('100x: aggregator, baseline build');
  });

  it('draws events per CPU-second and peak RSS, one bar per level and job, and links both charts', () => {
    const section = renderCardinalitySection(sample(), 'bench/results/cardinality-x.json', 'bench-charts');
    expect(section.charts.map((c) => c.file)).toEqual(['cardinality-events-per-cpu-second.svg', 'cardinality-peak-rss.svg']);
    const [events, rss] = section.charts.map((c) => c.svg);
    expect(events?.match(/<rect x="300"/g)).toHaveLength(9);
    expect(events).toContain('1x: Flink reference job');
    expect(events).toContain('270,000 ev/CPU-s');
    expect(rss).toContain('1,100 MB');
    for (const chart of section.charts) expect(section.markdown).toContain(`](bench-charts/${chart.file})`);
  });
});

describe('firstLevelCommands', () => {
  it('keeps the suite, every producer and the jobs of the first level', () => {
    expect(Object.keys(firstLevelCommands(sample()))).toEqual(['suite', 'producer-top-speed-json-1x', 'producer-top-speed-json-100x', 'aggregator-catch-up-1x', 'aggregator-catch-up-1x-read1']);
  });
});
