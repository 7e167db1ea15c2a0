import fc from 'fast-check';
import { canonicalUuid } from './canonical-uuid';

describe('canonicalUuid', () => {
  it('returns a lowercase UUID unchanged (same string, no copy)', () => {
    const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    expect(canonicalUuid(id)).toBe(id);
  });

  it('lowercases an uppercase UUID', () => {
    expect(canonicalUuid('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    );
  });

  it.each([
    ['empty', ''],
    ['no hyphens', '3f2504e04f8941d39a0c0305e82c3301'],
    ['braces', '{3f2504e0-4f89-41d3-9a0c-0305e82c33}'],
    ['hyphen misplaced', '3f2504e04-f89-41d3-9a0c-0305e82c3301'],
    ['non-hex letter', '3f2504e0-4f89-41d3-9a0c-0305e82c330g'],
    ['one char short', '3f2504e0-4f89-41d3-9a0c-0305e82c330'],
    ['nil', '00000000-0000-0000-0000-000000000000'],
    ['max', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
  ])('rejects %s', (_label, value) => {
    expect(canonicalUuid(value)).toBeUndefined();
  });

  it('accepts every UUID fast-check generates, in either case', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (id, upper) => {
        const input = upper ? id.toUpperCase() : id;
        const isPlaceholder = /^(0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/.test(id);
        expect(canonicalUuid(input)).toBe(isPlaceholder ? undefined : id);
      }),
      { numRuns: 200 },
    );
  });
});
