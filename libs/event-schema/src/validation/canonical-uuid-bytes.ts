/**
 * `uuidBytesCase` results. Callers on the hot path may compare against the literals: these
 * values are part of the contract.
 */
export const UUID_INVALID = 0;
export const UUID_LOWERCASE = 1;
export const UUID_UPPERCASE = 2;

const UUID_LENGTH = 36;
const HYPHEN = 0x2d;
const NOT_HEX = 4;

/** Per byte: 1 lowercase hex digit, 2 uppercase hex digit (A-F), 4 anything else. */
const HEX_CLASS = (() => {
  const table = new Uint8Array(256).fill(NOT_HEX);
  for (const c of '0123456789abcdef') table[c.charCodeAt(0)] = 1;
  for (const c of 'ABCDEF') table[c.charCodeAt(0)] = 2;
  return table;
})();

/**
 * `canonicalUuid` on the UTF-8 bytes `buf[start, end)`, without making the string: the same
 * verdict as decoding the bytes and calling `canonicalUuid` (a UUID is 36 ASCII bytes; any other
 * byte run decodes to something `canonicalUuid` rejects), and whether lowercasing is needed.
 */
export function uuidBytesCase(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== UUID_LENGTH) return UUID_INVALID;
  if (buf[start + 8] !== HYPHEN || buf[start + 13] !== HYPHEN || buf[start + 18] !== HYPHEN || buf[start + 23] !== HYPHEN) {
    return UUID_INVALID;
  }
  // OR of every digit's class: one branch after the loop instead of one per byte.
  let classes = 0;
  for (let i = start; i < start + 8; i++) classes |= HEX_CLASS[buf[i] as number] as number;
  for (let i = start + 9; i < start + 13; i++) classes |= HEX_CLASS[buf[i] as number] as number;
  for (let i = start + 14; i < start + 18; i++) classes |= HEX_CLASS[buf[i] as number] as number;
  for (let i = start + 19; i < start + 23; i++) classes |= HEX_CLASS[buf[i] as number] as number;
  for (let i = start + 24; i < start + 36; i++) classes |= HEX_CLASS[buf[i] as number] as number;
  if ((classes & NOT_HEX) !== 0) return UUID_INVALID;
  const first = (buf[start] as number) | 0x20;
  // Only a UUID starting with 0 or f can be the nil or max UUID.
  if ((first === 0x30 || first === 0x66) && isNilOrMax(buf, start)) return UUID_INVALID;
  return classes === 1 ? UUID_LOWERCASE : UUID_UPPERCASE;
}

/** All 32 digits '0' (nil) or all 'f'/'F' (max), for a run already known to be a UUID. */
function isNilOrMax(buf: Uint8Array, start: number): boolean {
  const first = (buf[start] as number) | 0x20;
  for (let i = start; i < start + UUID_LENGTH; i++) {
    const byte = buf[i] as number;
    if (byte !== HYPHEN && (byte | 0x20) !== first) return false;
  }
  return true;
}
