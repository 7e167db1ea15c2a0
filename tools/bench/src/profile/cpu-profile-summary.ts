/** A `.cpuprofile` (V8's format, written by `node --cpu-prof`): nodes with self samples. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number; children?: number[] }[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  /** `function (file:line)`, or V8's own names: (garbage collector), (program), (idle). */
  name: string;
  /** Self samples of this function, as a percent of all non-idle samples. */
  selfPercent: number;
}

export interface ProfileGroup {
  group: string;
  selfPercent: number;
}

/** Where a frame's code lives, for a coarse split of the time. */
export function groupOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return 'V8 / native (program)';
  if (url.includes('kafkajs')) return 'kafkajs';
  if (url.includes('@clickhouse') || url.includes('ioredis') || url.includes('prom-client') || url.includes('pino')) return 'clients (ClickHouse, Redis, metrics, logs)';
  if (url.includes('event-schema')) return 'decode (libs/event-schema)';
  if (url.includes('window') || url.includes('engine')) return 'window engine';
  if (url.includes('stream-runtime')) return 'stream runtime';
  if (url === '' ) return functionName === 'parse' ? 'JSON.parse' : 'V8 builtins';
  if (url.startsWith('node:')) return 'Node core';
  return 'app';
}

/** Maps a bundle position to its source (0-based line and column, as in the profile). */
export type SourceResolver = (url: string, line: number, column: number) => { url: string; line: number } | undefined;

/** Self time per function and per group, idle samples left out; bundle frames mapped back to their sources by `resolve`. */
export function summarizeCpuProfile(profile: CpuProfile, top = 15, resolve?: SourceResolver): { lines: ProfileLine[]; groups: ProfileGroup[]; samples: number } {
  const byName = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, columnNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    const mapped = node.callFrame.url ? resolve?.(node.callFrame.url, node.callFrame.lineNumber, columnNumber) : undefined;
    const url = mapped?.url ?? node.callFrame.url;
    const lineNumber = mapped?.line ?? node.callFrame.lineNumber;
    total += hits;
    const file = url.replace(/^.*?(node_modules\/|libs\/|apps\/)/, '$1').replace(/^node_modules\//, '');
    const name = url ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})` : functionName || '(anonymous)';
    byName.set(name, (byName.get(name) ?? 0) + hits);
    const group = groupOf(functionName, url);
    byGroup.set(group, (byGroup.get(group) ?? 0) + hits);
  }
  const pct = (n: number) => Math.round((n / Math.max(1, total)) * 1000) / 10;
  const lines = [...byName].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, n]) => ({ name, selfPercent: pct(n) }));
  const groups = [...byGroup].sort((a, b) => b[1] - a[1]).map(([group, n]) => ({ group, selfPercent: pct(n) }));
  return { lines, groups, samples: total };
}
