/**
 * Whether `value` is shaped like an ISO 3166-1 alpha-2 code: exactly two ASCII uppercase letters.
 *
 * Deliberately a shape check, not membership in the assigned list: geo-IP databases emit
 * user-assigned codes (XK Kosovo, ZZ unknown, EU) that dashboards must still show.
 */
export function isCountryCode(value: string): boolean {
  if (value.length !== 2) return false;
  const first = value.charCodeAt(0);
  const second = value.charCodeAt(1);
  return first >= 0x41 && first <= 0x5a && second >= 0x41 && second <= 0x5a;
}

/** `isCountryCode` of the ASCII bytes `buf[start, end)`. */
export function isCountryCodeBytes(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 2) return false;
  const first = buf[start] as number;
  const second = buf[start + 1] as number;
  return first >= 0x41 && first <= 0x5a && second >= 0x41 && second <= 0x5a;
}
