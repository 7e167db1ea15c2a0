/** A generated part of docs/benchmarks.md and the SVG charts it links to. */
export interface RenderedSection {
  markdown: string;
  charts: { file: string; svg: string }[];
}
