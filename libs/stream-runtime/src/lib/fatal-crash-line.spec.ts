import { UndecodableBatchError } from '@clickstream/kafka';
import { fatalCrashLine } from './fatal-crash-line';

describe('fatalCrashLine', () => {
  it('names an undecodable batch and the setting that passes it, on one line', () => {
    const err = new UndecodableBatchError('lz4', 'decompression failed: invalid block', { topic: 'web.clicks', partition: 3, firstOffset: '1200', lastOffset: '1299' });
    const line = fatalCrashLine(err);
    expect(line).toMatch(/^undecodable record batch in web\.clicks partition 3 at offsets 1200\.\.1299 \(codec lz4\): decompression failed: invalid block\. /);
    expect(line).toContain('--skip-batches web.clicks:3:1200 (KAFKA_SKIP_BATCHES)');
    expect(line).not.toContain('\n');
  });

  it('keeps any other crash as it was', () => {
    expect(fatalCrashLine(new Error('Failed to find group coordinator'))).toBe('consumer crashed for good: Failed to find group coordinator');
  });
});
