import { escapeXml, renderBarChart } from './svg-bar-chart';

describe('renderBarChart', () => {
  const chart = renderBarChart({
    title: 'Events per CPU-second',
    unit: 'ev/CPU-s',
    bars: [
      { label: 'aggregator <Avro>', value: 200_000 },
      { label: 'bare consumer', value: 400_000 },
    ],
    marker: { value: 150_000, label: 'target 150,000' },
  });

  it('draws one bar per value, scaled to the largest', () => {
    const widths = [...chart.matchAll(/<rect x="300" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([210, 420]);
  });

  it('labels bars with escaped text and formatted values, and draws the marker', () => {
    expect(chart).toContain('aggregator &lt;Avro&gt;');
    expect(chart).toContain('400,000 ev/CPU-s');
    expect(chart).toContain('target 150,000');
    expect(chart.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`a&b"c<d>`)).toBe('a&amp;b&quot;c&lt;d&gt;');
  });
});
