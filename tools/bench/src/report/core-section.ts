import { markdownTable } from './markdown-table';
import type { RenderedSection } from './rendered-section';
import { formatNumber, renderBarChart } from './svg-bar-chart';

/**
 * The latest `npm run bench:core` result. Its shape belongs to core.bench.ts, so every array of
 * objects in it becomes a table with the objects' own fields as columns (new fields show up as is).
 */
export function renderCoreSection(core: Record<string, unknown>, sourceFile: string, chartDir: string): RenderedSection {
  const machine = (core['machine'] ?? {}) as Record<string, unknown>;
  const lines = [
    '## Engine core on one core: `npm run bench:core`',
    '',
    `Result \`${sourceFile}\`: ${formatNumber(Number(core['events'] ?? 0))} events, ${machine['cpuModel'] ?? '?'}, ` +
      `${machine['cpus'] ?? '?'} cores, ${machine['memoryGiB'] ?? '?'} GiB, Node ${machine['node'] ?? '?'}, ` +
      `load average ${Array.isArray(machine['loadAverage']) ? (machine['loadAverage'] as number[]).join(' ') : '?'}.`,
  ];
  for (const [name, value] of Object.entries(core)) {
    if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'object') continue;
    const rows = value as Record<string, unknown>[];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const show = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : v === null || v === undefined ? '–' : String(v));
    lines.push('', `${name}:`, '', markdownTable(columns.map((c) => (typeof rows[0]?.[c] === 'number' ? `>${c}` : c)), rows.map((r) => columns.map((c) => show(r[c])))));
  }
  const charts = [];
  const throughput = core['throughput'];
  if (Array.isArray(throughput) && throughput.every((t) => typeof t?.label === 'string' && typeof t?.eventsPerSecond === 'number')) {
    const file = 'core-throughput.svg';
    charts.push({
      file,
      svg: renderBarChart({
        title: 'Engine core, one core: events per second',
        unit: 'ev/s',
        bars: (throughput as { label: string; eventsPerSecond: number }[]).map((t) => ({ label: t.label.slice(0, 46), value: t.eventsPerSecond })),
        marker: { value: 1_000_000, label: 'target 1,000,000' },
      }),
    });
    lines.push('', `![engine core throughput](${chartDir}/${file})`);
  }
  return { markdown: lines.join('\n'), charts };
}
