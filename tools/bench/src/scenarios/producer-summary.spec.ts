import { parseProducerSummary } from './producer-summary';

describe('parseProducerSummary', () => {
  it('reads the summary line among JSON log lines', () => {
    const out = '{"level":30,"msg":"producer running"}\nproducer: 300000 events in 30.0 s (10000/s, asked 10000/s), acked 300000, failed 0\n';
    expect(parseProducerSummary(out)).toEqual({ generated: 300000, seconds: 30, achievedRate: 10000, askedRate: 10000, acked: 300000, failed: 0 });
  });

  it('is undefined when the producer died before its summary', () => {
    expect(parseProducerSummary('producer: fatal: Error: broker down\n')).toBeUndefined();
  });
});
