const MINUS = 0x2d;
const ZERO = 0x30;

/**
 * Writes `value` at `out[pos..]` as JSON.stringify spells it and returns the position after it:
 * a safe integer's digits without making a string (the encoded blocks write several per row),
 * anything else through JSON.stringify.
 */
export function writeJsonInteger(out: Buffer, pos: number, value: number): number {
  if (!Number.isSafeInteger(value)) return pos + out.write(JSON.stringify(value), pos, 'latin1');
  let rest = value;
  if (rest < 0) {
    out[pos++] = MINUS;
    rest = -rest;
  }
  let digits = 1;
  for (let r = rest; r >= 10; r = Math.floor(r / 10)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    out[pos + i] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return pos + digits;
}
