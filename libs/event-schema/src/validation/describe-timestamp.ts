/** `Date` cannot represent instants beyond ±8.64e15 ms; `toISOString` would throw there. */
const MAX_DATE_MS = 8.64e15;

/** Epoch ms with its ISO form when it has one, so a rejection detail is readable at a glance. */
export function describeTimestamp(ts: number): string {
  return Math.abs(ts) <= MAX_DATE_MS ? `${ts} (${new Date(ts).toISOString()})` : String(ts);
}
