import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MachineInfo, PipelineResult } from './bench-result';
import type { CardinalitySweepResult } from './cardinality-sweep-result';
import type { FlinkComparisonResult } from './flink-comparison-result';

export function machineInfo(): MachineInfo {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** bench/results/<suite>-<time>.json, or published-<suite>-<time>.json (committed) with --publish. */
export function writeResultFile(repoRoot: string, result: PipelineResult | FlinkComparisonResult | CardinalitySweepResult, publish: boolean): string {
  const dir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const name = `${publish ? 'published-' : ''}${result.suite}-${result.startedAt.replace(/[:.]/g, '-')}.json`;
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return path.relative(repoRoot, file);
}
