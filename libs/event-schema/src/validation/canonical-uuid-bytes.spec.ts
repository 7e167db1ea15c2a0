import fc from 'fast-check';
import { canonicalUuid } from './canonical-uuid';
import { UUID_INVALID, UUID_LOWERCASE, UUID_UPPERCASE, uuidBytesCase } from './canonical-uuid-bytes';

/** uuidBytesCase on the UTF-8 bytes of `s`, padded on both sides to check the offsets. */
const onBytes = (s: string): number => {
  const bytes = Buffer.concat([Buffer.from('xx'), Buffer.from(s, 'utf8'), Buffer.from('yy')]);
  return uuidBytesCase(bytes, 2, bytes.length - 2);
};

/** What canonicalUuid says, in uuidBytesCase's terms. */
const expected = (s: string): number => {
  const canonical = canonicalUuid(s);
  if (canonical === undefined) return UUID_INVALID;
  return canonical === s ? UUID_LOWERCASE : UUID_UPPERCASE;
};

describe('uuidBytesCase', () => {
  it('tells lowercase, uppercase and invalid UUIDs apart', () => {
    expect(onBytes('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(UUID_LOWERCASE);
    expect(onBytes('3F2504E0-4f89-41d3-9a0c-0305e82c3301')).toBe(UUID_UPPERCASE);
    expect(onBytes('3f2504e0-4f89-41d3-9a0c-0305e82c330')).toBe(UUID_INVALID);
    expect(onBytes('3f2504e0-4f89-41d3-9a0c_0305e82c3301')).toBe(UUID_INVALID);
    expect(onBytes('3f2504e0-4f89-41d3-9a0c-0305e82c330g')).toBe(UUID_INVALID);
  });

  it('rejects the nil and max UUIDs in any case, but not their neighbours', () => {
    expect(onBytes('00000000-0000-0000-0000-000000000000')).toBe(UUID_INVALID);
    expect(onBytes('ffffffff-FFFF-ffff-FFFF-ffffffffffff')).toBe(UUID_INVALID);
    expect(onBytes('00000000-0000-0000-0000-000000000001')).toBe(UUID_LOWERCASE);
    expect(onBytes('Ffffffff-ffff-ffff-ffff-fffffffffffe')).toBe(UUID_UPPERCASE);
  });

  it('agrees with canonicalUuid on UUIDs, mutated UUIDs and arbitrary strings (property)', () => {
    const mutated = fc
      .tuple(fc.uuid(), fc.nat(35), fc.constantFrom('0', 'f', 'F', 'A', 'g', '-', 'é', '\u0000'), fc.boolean())
      .map(([id, at, c, upper]) => {
        const s = id.slice(0, at) + c + id.slice(at + 1);
        return upper ? s.toUpperCase() : s;
      });
    const placeholders = fc.constantFrom('0', 'f', 'F').map((c) => [8, 4, 4, 4, 12].map((n) => c.repeat(n)).join('-'));
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), mutated, placeholders, fc.string({ maxLength: 40 })), (s) => {
        expect(onBytes(s)).toBe(expected(s));
      }),
      { numRuns: 2000 },
    );
  });
});
