import type { PairKeyInterner } from '../interning/pair-key-interner';

/** A plain Map-backed PairKeyInterner for tests of the interning decoder (the engine has a faster one). */
export class MapPairKeyInterner implements PairKeyInterner {
  private readonly pairs: [string, string][] = [];
  private readonly refs = new Map<string, number>();

  /** It never starts over. */
  readonly epoch = 0;

  constructor(readonly separator = '|') {}

  refOfBytes(buf: Uint8Array, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const first = bytes.toString('latin1', firstStart, firstEnd);
    const second = bytes.toString('latin1', secondStart, secondEnd);
    // As the engine's index: ASCII parts of 1 to 255 bytes only, the rest is for the caller to decode.
    if ([...first, ...second].some((c) => c.charCodeAt(0) > 0x7f)) return -1;
    if ([first, second].some((part) => part.length === 0 || part.length > 255)) return -1;
    const id = JSON.stringify([first, second]);
    let ref = this.refs.get(id);
    if (ref === undefined) {
      ref = this.pairs.push([first, second]) - 1;
      this.refs.set(id, ref);
    }
    return ref;
  }

  first(ref: number): string {
    return (this.pairs[ref] as [string, string])[0];
  }

  second(ref: number): string {
    return (this.pairs[ref] as [string, string])[1];
  }

  key(ref: number): string {
    return `${this.first(ref)}${this.separator}${this.second(ref)}`;
  }
}
