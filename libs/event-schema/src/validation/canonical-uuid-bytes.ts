/** `uuidBytesCase`: not a canonical-length hex UUID, or the nil or max UUID. */
export const UUID_INVALID = 0;
/** `uuidBytesCase`: a UUID in lowercase (already canonical). */
export const UUID_LOWERCASE = 1;
/** `uuidBytesCase`: a UUID with uppercase digits (canonical form is its lowercase). */
export const UUID_UPPERCASE = 2;

const UUID_LENGTH = 36;
const HYPHEN = 0x2d;

/** Per byte: 0 not allowed, 1 lowercase hex, 2 uppercase hex, 4 hyphen; plus flags for '0' and 'f'. */
const CLASS = (() => {
  const table = new Uint8Array(256);
  for (const c of '0123456789abcdef') table[c.charCodeAt(0)] = 1;
  for (const c of 'ABCDEF') table[c.charCodeAt(0)] = 2;
  table[HYPHEN] = 4;
  return table;
})();

/** Which positions of 8-4-4-4-12 must hold a hyphen (4) or a hex digit (1 | 2). */
const EXPECTED = Uint8Array.from({ length: UUID_LENGTH }, (_, i) => (i === 8 || i === 13 || i === 18 || i === 23 ? 4 : 3));

/**
 * `canonicalUuid` on the UTF-8 bytes `buf[start, end)`, without making the string: the same
 * verdict as decoding the bytes and calling `canonicalUuid` (a UUID is 36 ASCII bytes; any other
 * byte run decodes to something `canonicalUuid` rejects), plus whether lowercasing is needed.
 */
export function uuidBytesCase(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== UUID_LENGTH) return UUID_INVALID;
  let classes = 0;
  let allZero = true;
  let allF = true;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const byte = buf[start + i] as number;
    const cls = CLASS[byte] as number;
    if ((cls & (EXPECTED[i] as number)) === 0) return UUID_INVALID;
    classes |= cls;
    if (cls !== 4) {
      allZero &&= byte === 0x30;
      allF &&= (byte | 0x20) === 0x66;
    }
  }
  if (allZero || allF) return UUID_INVALID;
  return (classes & 2) === 0 ? UUID_LOWERCASE : UUID_UPPERCASE;
}
