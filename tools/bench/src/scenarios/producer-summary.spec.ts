import { parseProducerSummary } from './producer-summary';

describe('parseProducerSummary', () => {
  it('reads the summary line among JSON log lines', () => {
    const out = '{"level":30,"msg":"producer running"}\nproducer: 300000 events in 30.0 s (10000/s, asked 10000/s), acked 300000, failed 0\n';
    expect(parseProducerSummary(out)).toEqual({ generated: 300000, seconds: 30, achievedRate: 10000, askedRate: 10000, acked: 300000, failed: 0 });
  });

  it('reads the send threads and drain time of a multi-threaded producer', () => {
    const out = 'producer: 300000 events in 2.06 s (145419/s, asked 10000000/s), acked 300000, failed 0, 2 send threads, drained in 0.01 s\n';
    expect(parseProducerSummary(out)).toEqual({
      generated: 300000, seconds: 2.06, achievedRate: 145419, askedRate: 10000000, acked: 300000, failed: 0, sendThreads: 2, drainSeconds: 0.01,
    });
  });

  it('is undefined when the producer died before its summary', () => {
    expect(parseProducerSummary('producer: fatal: Error: broker down\n')).toBeUndefined();
  });
});
