export const BEGIN_MARKER = '<!-- bench:begin -->';
export const END_MARKER = '<!-- bench:end -->';

export class MissingMarkersError extends Error {
  constructor(file: string) {
    super(`${file} has no ${BEGIN_MARKER} ... ${END_MARKER} pair: add them where the generated part goes`);
    this.name = 'MissingMarkersError';
  }
}

/** Replaces what lies between the markers; everything outside them (hand-written prose) stays. */
export function replaceBetweenMarkers(document: string, generated: string, file = 'the document'): string {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER, begin + BEGIN_MARKER.length);
  if (begin < 0 || end < 0) throw new MissingMarkersError(file);
  return `${document.slice(0, begin + BEGIN_MARKER.length)}\n${generated.trim()}\n${document.slice(end)}`;
}
