import { MissingMarkersError, replaceBetweenMarkers } from './marker-section';

describe('replaceBetweenMarkers', () => {
  it('replaces only the generated part', () => {
    const doc = '# Title\nprose before\n<!-- bench:begin -->\nold table\n<!-- bench:end -->\nanalysis after\n';
    expect(replaceBetweenMarkers(doc, '\nnew table\n')).toBe('# Title\nprose before\n<!-- bench:begin -->\nnew table\n<!-- bench:end -->\nanalysis after\n');
  });

  it('is stable when run twice', () => {
    const doc = 'a\n<!-- bench:begin -->\nx\n<!-- bench:end -->\nb';
    const once = replaceBetweenMarkers(doc, 'y');
    expect(replaceBetweenMarkers(once, 'y')).toBe(once);
  });

  it('refuses a document without both markers', () => {
    expect(() => replaceBetweenMarkers('<!-- bench:begin --> only', 'x', 'docs/benchmarks.md')).toThrow(MissingMarkersError);
  });
});
