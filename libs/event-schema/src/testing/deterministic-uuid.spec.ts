import { canonicalUuid } from '../validation/canonical-uuid';
import { deterministicUuid } from './deterministic-uuid';

describe('deterministicUuid', () => {
  it('is stable for the same index and stream', () => {
    expect(deterministicUuid(7, 3)).toBe(deterministicUuid(7, 3));
  });

  it('produces valid, canonical version-4 UUIDs', () => {
    for (let i = 0; i < 100; i++) {
      const id = deterministicUuid(i);
      expect(canonicalUuid(id)).toBe(id);
      expect(id[14]).toBe('4');
      expect('89ab').toContain(id[19]);
    }
  });

  it('does not repeat across 10,000 indices of two streams', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      ids.add(deterministicUuid(i, 0));
      ids.add(deterministicUuid(i, 1));
    }
    expect(ids.size).toBe(10_000);
  });
});
