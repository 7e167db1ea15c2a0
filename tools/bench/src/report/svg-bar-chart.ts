/** A horizontal bar chart as a standalone SVG (no chart library: a few rects and texts). */
export interface Bar {
  label: string;
  value: number;
  /** Bars of the same series share a colour (e.g. p50 / p95 / p99). */
  series?: string;
}

export interface BarChart {
  title: string;
  unit: string;
  bars: Bar[];
  /** A dashed vertical line, e.g. a target. */
  marker?: { value: number; label: string };
}

const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];
const ROW = 26;
const LABEL_WIDTH = 300;
const PLOT_WIDTH = 420;
const TOP = 40;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function renderBarChart(chart: BarChart): string {
  const max = Math.max(1, chart.marker?.value ?? 0, ...chart.bars.map((b) => b.value));
  const series = [...new Set(chart.bars.map((b) => b.series ?? ''))];
  const height = TOP + chart.bars.length * ROW + 30;
  const width = LABEL_WIDTH + PLOT_WIDTH + 130;
  const x = (v: number) => LABEL_WIDTH + (Math.max(0, v) / max) * PLOT_WIDTH;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  chart.bars.forEach((bar, i) => {
    const y = TOP + i * ROW;
    const colour = COLOURS[series.indexOf(bar.series ?? '') % COLOURS.length];
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${(x(bar.value) - LABEL_WIDTH).toFixed(1)}" height="${ROW - 8}" fill="${colour}"/>`,
      `<text x="${(x(bar.value) + 6).toFixed(1)}" y="${y + 15}">${escapeXml(`${formatNumber(bar.value)} ${chart.unit}`)}</text>`,
    );
  });
  if (chart.marker) {
    const mx = x(chart.marker.value).toFixed(1);
    parts.push(
      `<line x1="${mx}" y1="${TOP - 4}" x2="${mx}" y2="${TOP + chart.bars.length * ROW}" stroke="#333" stroke-dasharray="4 3"/>`,
      `<text x="${mx}" y="${TOP + chart.bars.length * ROW + 16}" text-anchor="middle" fill="#333">${escapeXml(chart.marker.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
