/** Long enough to recognise a value in a log line, short enough to keep a 2 KB page out of it. */
const MAX_SHOWN_CHARS = 64;

/** A short, log-safe rendering of an offending value for rejection details. */
export function describeSeenValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_SHOWN_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}… (${value.length} chars)`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  // Strings are quoted above, so a bare 1700000000000 reads as a number and "17…" as a string.
  return String(value);
}

/** Truncates free text from a third party (parser error messages) before it enters a detail. */
export function truncateText(text: string): string {
  return text.length <= MAX_SHOWN_CHARS * 2 ? text : `${text.slice(0, MAX_SHOWN_CHARS * 2)}…`;
}
