/**
 * A version-4-shaped UUID that depends only on (`index`, `stream`), so fixtures are identical on
 * every run. Different streams give unrelated sequences (batches do not collide with singles).
 */
export function deterministicUuid(index: number, stream = 0): string {
  let state = (Math.imul(stream, 0x9e3779b1) ^ index) >>> 0;
  const next = (): number => {
    // mulberry32: tiny, good enough mixing for ids that only need to look random and not repeat.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const w0 = next();
  const w1 = ((next() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
  const w2 = ((next() & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
  const w3 = next();
  const hex = (word: number): string => word.toString(16).padStart(8, '0');
  const h1 = hex(w1);
  const h2 = hex(w2);
  return `${hex(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex(w3)}`;
}
