import type { DrillResult } from './drill-suite';

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** The drills as a Markdown table: faults, the verdict's numbers, and PASS/FAIL. */
export function renderVerdictTable(results: readonly DrillResult[]): string {
  const header =
    '| drill | faults injected | valid events | lost | counted twice | windows wrong | late events | dead letters | unplanned exits | settled in | verdict |';
  const rule = '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |';
  const rows = results.map((r) => {
    const v = r.verdict;
    const kills = r.faultsInjected.filter((f) => f.includes('kill -9')).length;
    const other = r.faultsInjected.filter((f) => !f.includes('kill -9')).map((f) => f.replace(/^t\+[\d.]+s /, ''));
    const faults = [...(kills > 0 ? [`${kills} x kill -9`] : []), ...other].join('; ') || '-';
    const cells = v
      ? [
          String(v.validEvents),
          String(v.lost),
          String(v.countedTwice),
          `${v.windowsWrong} / ${v.windowsExpected}`,
          `${v.late.expected - v.late.lost} / ${v.late.expected}`,
          `${v.deadLetters.found} / ${v.deadLetters.expected}`,
        ]
      : ['-', '-', '-', '-', '-', '-'];
    const verdict = r.passed ? 'PASS' : `FAIL${r.error ? ` (${r.error.split('\n')[0]?.slice(0, 80)})` : ''}`;
    return `| ${r.drill} | ${faults} | ${cells.join(' | ')} | ${r.unexpectedExits.length} | ${r.passed ? seconds(r.settleMs) : '-'} | ${verdict} |`;
  });
  return [header, rule, ...rows].join('\n');
}
