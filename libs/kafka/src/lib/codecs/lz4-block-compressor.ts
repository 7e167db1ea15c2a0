/**
 * Greedy LZ4 block compression (the algorithm of lz4js' compressBlock), keeping the format's
 * end-of-block rules that lz4js breaks now and then, which makes strict decoders (the reference
 * library, the broker's lz4-java) refuse the frame: the last match starts at least 12 bytes before
 * the block's end (MFLIMIT) and the last 5 bytes are literals (LASTLITERALS).
 */
const MIN_MATCH = 4;
const MFLIMIT = 12;
const LAST_LITERALS = 5;
const MAX_OFFSET = 0xffff;
const SKIP_TRIGGER = 6;

/** Worst-case compressed size of `length` bytes. */
export function lz4BlockBound(length: number): number {
  return length + Math.ceil(length / 255) + 16;
}

/**
 * Compresses `src[start, start + length)` into `dst` (at least lz4BlockBound(length) long) as one
 * independent block and returns its size. `hashTable` (65,536 entries) is cleared first.
 */
export function compressLz4Block(src: Uint8Array, start: number, length: number, dst: Uint8Array, hashTable: Uint32Array): number {
  hashTable.fill(0);
  const end = start + length;
  const matchLimit = end - LAST_LITERALS;
  const lastMatchStart = end - MFLIMIT;
  let out = 0;
  let anchor = start;
  let i = start;
  let searches = (1 << SKIP_TRIGGER) + 3;
  while (i < lastMatchStart) {
    const seq = (src[i] as number) | ((src[i + 1] as number) << 8) | ((src[i + 2] as number) << 16) | ((src[i + 3] as number) << 24);
    const hash = Math.imul(seq, 2654435761) >>> 16;
    const candidate = (hashTable[hash] as number) - 1;
    hashTable[hash] = i + 1;
    if (
      candidate < start ||
      i - candidate > MAX_OFFSET ||
      src[candidate] !== src[i] || src[candidate + 1] !== src[i + 1] || src[candidate + 2] !== src[i + 2] || src[candidate + 3] !== src[i + 3]
    ) {
      i += searches++ >> SKIP_TRIGGER;
      continue;
    }
    searches = (1 << SKIP_TRIGGER) + 3;
    const literals = i - anchor;
    const offset = i - candidate;
    let m = i + MIN_MATCH;
    let c = candidate + MIN_MATCH;
    while (m < matchLimit && src[m] === src[c]) {
      m++;
      c++;
    }
    const matchLength = m - i - MIN_MATCH;
    out = writeSequence(dst, out, src, anchor, literals, matchLength);
    dst[out++] = offset & 0xff;
    dst[out++] = offset >>> 8;
    if (matchLength >= 15) out = writeLength(dst, out, matchLength - 15);
    i = m;
    anchor = m;
  }
  // The last sequence: literals only.
  return writeSequence(dst, out, src, anchor, end - anchor, -1);
}

/** Token, literal length, literals; the match length nibble only when `matchLength` >= 0. */
function writeSequence(dst: Uint8Array, out: number, src: Uint8Array, from: number, literals: number, matchLength: number): number {
  const token = (Math.min(literals, 15) << 4) | (matchLength < 0 ? 0 : Math.min(matchLength, 15));
  dst[out++] = token;
  if (literals >= 15) out = writeLength(dst, out, literals - 15);
  dst.set(src.subarray(from, from + literals), out);
  return out + literals;
}

function writeLength(dst: Uint8Array, out: number, n: number): number {
  for (; n >= 255; n -= 255) dst[out++] = 255;
  dst[out++] = n;
  return out;
}
