import { UndecodableBatchError } from '@clickstream/kafka';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { fatalCrashLine } from './fatal-crash-line';

describe('fatalCrashLine', () => {
  it('names an undecodable batch and the setting that passes it, on one line', () => {
    const err = new UndecodableBatchError('lz4', 'decompression failed: invalid block', { topic: 'web.clicks', partition: 3, firstOffset: '1200', lastOffset: '1299' });
    const line = fatalCrashLine(err);
    expect(line).toMatch(/^undecodable record batch in web\.clicks partition 3 at offsets 1200\.\.1299 \(codec lz4\): decompression failed: invalid block\. /);
    expect(line).toContain('--skip-batches web.clicks:3:1200 (KAFKA_SKIP_BATCHES)');
    expect(line).not.toContain('\n');
  });

  it('finds it as the cause kafkajs wraps it in', () => {
    const err = new UndecodableBatchError('zstd', 'bad frame', { topic: 't', partition: 0, firstOffset: '5', lastOffset: '9' });
    const wrapped = Object.assign(new KafkaJSNonRetriableError(err), { cause: err }); // as kafkajs' retrier does
    expect(fatalCrashLine(wrapped)).toMatch(/^undecodable record batch in t partition 0 at offsets 5\.\.9 \(codec zstd\): bad frame\. .*--skip-batches t:0:5 /);
  });

  it('keeps any other crash as it was', () => {
    expect(fatalCrashLine(new Error('Failed to find group coordinator'))).toBe('consumer crashed for good: Failed to find group coordinator');
  });
});
