import fc from 'fast-check';
import { AsciiStringCache, utf8Slice } from './ascii-string-cache';

const read = (cache: AsciiStringCache, text: string, encoding: BufferEncoding = 'utf8'): string => {
  const buf = Buffer.concat([Buffer.from('xx'), Buffer.from(text, encoding), Buffer.from('yy')]);
  return cache.read(buf, 2, buf.length - 2);
};

describe('AsciiStringCache', () => {
  it('returns the same string object for the same ASCII bytes', () => {
    const cache = new AsciiStringCache(16, 64);
    const first = read(cache, '/pricing');
    expect(first).toBe('/pricing');
    expect(read(cache, '/pricing')).toBe(first);
    expect(read(cache, '/pricing?x')).toBe('/pricing?x');
    expect(read(cache, '')).toBe('');
  });

  it('decodes non-ASCII and over-long runs like utf8Slice, without caching them', () => {
    const cache = new AsciiStringCache(16, 4);
    expect(read(cache, '/café')).toBe('/café');
    expect(read(cache, 'too long')).toBe('too long');
    const invalid = Buffer.from([0x2f, 0xff, 0xfe]);
    expect(cache.read(invalid, 0, 3)).toBe(utf8Slice(invalid, 0, 3));
  });

  it('stays exact when many runs share a few slots', () => {
    const cache = new AsciiStringCache(2, 64);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 50; i++) expect(read(cache, `/p/${i}`)).toBe(`/p/${i}`);
    }
  });

  it('equals utf8Slice on any bytes (property)', () => {
    const cache = new AsciiStringCache(8, 16);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), fc.nat(4), (bytes, cut) => {
        const buf = Buffer.from(bytes);
        const start = Math.min(cut, buf.length);
        expect(cache.read(buf, start, buf.length)).toBe(utf8Slice(buf, start, buf.length));
        expect(cache.read(buf, start, buf.length)).toBe(buf.toString('utf8', start, buf.length));
      }),
    );
  });
});
