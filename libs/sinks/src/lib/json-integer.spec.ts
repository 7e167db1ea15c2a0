import fc from 'fast-check';
import { writeJsonInteger } from './json-integer';

describe('writeJsonInteger', () => {
  it('writes what JSON.stringify writes, and returns the position after it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constantFrom(0, -0, Number.MIN_SAFE_INTEGER, 2 ** 60)), fc.nat(10), (value, pos) => {
        const out = Buffer.alloc(64, 0x7e);
        const end = writeJsonInteger(out, pos, value);
        expect(out.toString('latin1', pos, end)).toBe(JSON.stringify(value));
        expect(out[end]).toBe(0x7e);
      }),
      { numRuns: 2_000 },
    );
  });
});
