// `node --import tsx tools/bench/src/profile/profile-summary.ts <file.cpuprofile> [top]`: the self time
// of a `node --cpu-prof` profile per function and per part of the code (bundle frames mapped back to
// their sources through the bundle's .map), as Markdown for docs/benchmarks.md.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { markdownTable } from '../report/markdown-table';
import { summarizeCpuProfile, type CpuProfile, type SourceResolver } from './cpu-profile-summary';

function sourceResolver(): SourceResolver {
  const maps = new Map<string, SourceMap | null>();
  return (url, line, column) => {
    if (!maps.has(url)) {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      maps.set(url, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
    }
    const entry = maps.get(url)?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
    return entry?.originalSource ? { url: entry.originalSource, line: entry.originalLine ?? 0 } : undefined;
  };
}

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const summary = summarizeCpuProfile(profile, Number(top ?? 15), sourceResolver());
console.log(`${summary.samples} samples (idle left out)\n`);
console.log(markdownTable(['part of the code', '>self %'], summary.groups.map((g) => [g.group, g.selfPercent.toFixed(1)])));
console.log('');
console.log(markdownTable(['function', '>self %'], summary.lines.map((l) => [l.name, l.selfPercent.toFixed(1)])));
