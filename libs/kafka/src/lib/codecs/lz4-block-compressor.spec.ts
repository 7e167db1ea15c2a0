import fc from 'fast-check';
import { compressLz4Block, lz4BlockBound } from './lz4-block-compressor';
import { lz4FrameCodec } from './lz4-frame-codec';

/** A strict decoder of one block: throws where the reference library refuses (end-of-block rules). */
function strictDecode(block: Uint8Array, size: number): Buffer {
  const out: number[] = [];
  let i = 0;
  const readLength = (n: number) => {
    if (n !== 15) return n;
    let b: number;
    do {
      b = block[i++] as number;
      n += b;
    } while (b === 255);
    return n;
  };
  while (i < block.length) {
    const token = block[i++] as number;
    const literals = readLength(token >> 4);
    for (let k = 0; k < literals; k++) out.push(block[i++] as number);
    if (i >= block.length) break; // the last sequence: literals only
    if (out.length > size - 12) throw new Error(`match starts ${size - out.length} bytes before the end`);
    const offset = (block[i] as number) | ((block[i + 1] as number) << 8);
    i += 2;
    const matchLength = readLength(token & 15) + 4;
    if (out.length + matchLength > size - 5) throw new Error('match reaches into the last 5 bytes');
    for (let k = 0; k < matchLength; k++) out.push(out[out.length - offset] as number);
  }
  return Buffer.from(out);
}

const repetitive = fc
  .array(fc.constantFrom('{"user_id":"u1', '00","page":"/product/', '7', '"}', 'x', '\n', 'abcdefghijkl'), { maxLength: 3_000 })
  .map((parts) => Buffer.from(parts.join('')));

describe('compressLz4Block', () => {
  it('writes blocks a strict decoder reads back byte for byte', () => {
    const table = new Uint32Array(1 << 16);
    fc.assert(
      fc.property(fc.oneof(repetitive, fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a))), fc.nat(40), (data, pad) => {
        const src = Buffer.concat([Buffer.alloc(pad, 7), data]); // blocks that do not start at 0
        const dst = new Uint8Array(lz4BlockBound(data.length));
        const size = compressLz4Block(src, pad, data.length, dst, table);
        expect(strictDecode(dst.subarray(0, size), data.length)).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('compresses repetitive data', () => {
    const data = Buffer.from('{"page":"/product/1","country":"US"}'.repeat(100));
    const dst = new Uint8Array(lz4BlockBound(data.length));
    expect(compressLz4Block(data, 0, data.length, dst, new Uint32Array(1 << 16))).toBeLessThan(data.length / 10);
  });
});

describe('lz4FrameCodec', () => {
  it('frames independent 64 KiB blocks that it reads back', async () => {
    const data = Buffer.concat(Array.from({ length: 3_000 }, (_, i) => Buffer.from(`{"user_id":"u${i * 7919 % 5000}","page":"/product/${i % 50}"}`)));
    const frame = await lz4FrameCodec.compress({ buffer: data });
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4]).toBe(0x60); // version 1, independent blocks
    expect(await lz4FrameCodec.decompress(frame)).toEqual(data);
  });
});
