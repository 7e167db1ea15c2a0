/** avsc's bound for a long it will return (it throws 'potential precision loss' beyond). */
export const MAX_SAFE_LONG = 9007199254740990;

/**
 * Reads Avro primitives from a body in place, for the hand-written readers (AvroClickEventReader,
 * AvroClickEventSpans): a position and the last string's start, no Tap or wrapper per message.
 */
export class AvroBodyCursor {
  protected pos = 0;
  /** Where the last string's bytes start; set by stringEnd. */
  protected stringStart = 0;

  /** Reads a string's length prefix; returns where its bytes end (and moves past them), or -1. */
  protected stringEnd(buf: Buffer): number {
    const length = this.readLong(buf);
    if (!(length >= 0) || this.pos > buf.length) return -1;
    const start = this.pos;
    const end = start + length;
    if (end > buf.length) return -1;
    this.stringStart = start;
    this.pos = end;
    return end;
  }

  /**
   * avsc's Tap.readLong, same arithmetic (zig-zag varint, integer maths for the first 28 bits,
   * then floats). Past the end a byte reads as undefined, which ends the loop; callers check
   * `pos` against the buffer length afterwards.
   */
  protected readLong(buf: Buffer): number {
    let pos = this.pos;
    let n = 0;
    let k = 0;
    let b: number;
    let h: number;
    do {
      b = buf[pos++] as number;
      h = b & 0x80;
      n |= (b & 0x7f) << k;
      k += 7;
    } while (h && k < 28);
    if (h) {
      let f = n;
      let fk = 268435456; // 2 ** 28.
      do {
        b = buf[pos++] as number;
        f += (b & 0x7f) * fk;
        fk *= 128;
      } while (b & 0x80);
      this.pos = pos;
      return (f % 2 ? -(f + 1) : f) / 2;
    }
    this.pos = pos;
    return (n >> 1) ^ -(n & 1);
  }
}
