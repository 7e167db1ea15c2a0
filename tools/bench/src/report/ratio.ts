/** `a / b` as a multiplier with two decimals (`1.50x`), or an en dash when `b` is not positive. */
export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : '–';
}
