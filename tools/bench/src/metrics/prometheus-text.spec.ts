import { histogramDelta, histogramMaxBound, histogramOf, parsePrometheusText, sumOf } from './prometheus-text';

const scrape = (flushes: number, sum: number, small: number) => `
# HELP stream_records_total Records handed to partition tasks
# TYPE stream_records_total counter
stream_records_total 2000
stream_consumer_lag{partition="0"} 5
stream_consumer_lag{partition="1"} 7
stream_flush_duration_seconds_bucket{le="0.05"} ${small}
stream_flush_duration_seconds_bucket{le="0.1"} ${flushes}
stream_flush_duration_seconds_bucket{le="+Inf"} ${flushes}
stream_flush_duration_seconds_sum ${sum}
stream_flush_duration_seconds_count ${flushes}
`;

describe('parsePrometheusText', () => {
  it('reads samples with and without labels, skipping comments', () => {
    const samples = parsePrometheusText(scrape(4, 0.2, 3));
    expect(sumOf(samples, 'stream_records_total')).toBe(2000);
    expect(sumOf(samples, 'stream_consumer_lag')).toBe(12);
    expect(samples.find((s) => s.name === 'stream_consumer_lag')?.labels).toEqual({ partition: '0' });
  });

  it('gives 0 for a metric not exported yet', () => {
    expect(sumOf(parsePrometheusText(''), 'raw_sink_rows_inserted_total')).toBe(0);
  });
});

describe('histograms', () => {
  it('diffs two scrapes and bounds the new observations', () => {
    const before = histogramOf(parsePrometheusText(scrape(4, 0.2, 3)), 'stream_flush_duration_seconds');
    const after = histogramOf(parsePrometheusText(scrape(6, 0.35, 3)), 'stream_flush_duration_seconds');
    const delta = histogramDelta(before, after);
    expect(delta.count).toBe(2);
    expect(delta.sum).toBeCloseTo(0.15);
    expect(histogramMaxBound(delta)).toBe(0.1);
    expect(histogramMaxBound({ count: 0, sum: 0, buckets: [] })).toBeUndefined();
  });
});
