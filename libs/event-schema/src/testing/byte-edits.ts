import fc from 'fast-check';

/** One edit of a message's bytes: set, insert or delete a byte at a position (taken modulo the length). */
export type ByteEdit = readonly [position: number, value: number, edit: 'set' | 'insert' | 'delete'];

/** Edits for corrupting messages in property tests, with bytes drawn from `byteValues`. */
export function byteEditsArbitrary(byteValues: fc.Arbitrary<number>, constraints: { minLength?: number; maxLength: number }): fc.Arbitrary<ByteEdit[]> {
  return fc.array(fc.tuple(fc.nat(), byteValues, fc.constantFrom('set' as const, 'insert' as const, 'delete' as const)), constraints);
}

/** `bytes` with the edits applied in order (a copy). */
export function applyByteEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Buffer {
  let out = [...bytes];
  for (const [position, value, edit] of edits) {
    const at = position % (out.length + 1);
    if (edit === 'set') out[Math.min(at, out.length - 1)] = value;
    else if (edit === 'insert') out = [...out.slice(0, at), value, ...out.slice(at)];
    else out = [...out.slice(0, at), ...out.slice(at + 1)];
  }
  return Buffer.from(out);
}
