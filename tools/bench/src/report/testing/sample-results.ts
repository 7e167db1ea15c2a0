import type { RunInfo } from '../../suite/bench-result';
import type { CatchUpSide } from '../../suite/flink-comparison-result';

/** Input for the renderer tests: a run on the project's 2-core machine. */
export function sampleRunInfo(commands: Record<string, string>): RunInfo {
  return {
    quick: false,
    startedAt: '2026-11-27T17:00:00.000Z',
    finishedAt: '2026-11-27T17:10:00.000Z',
    machine: { cpus: 2, cpuModel: 'Xeon', memoryGiB: 24, node: 'v20.20.2', os: 'Linux' },
    loadAverageAtStart: [2, 2, 2],
    loadAverageAtEnd: [3, 3, 3],
    commands,
  };
}

/** A 2M-event catch-up at the given events per CPU-second and peak RSS. */
export function sampleCatchUpSide(eventsPerCpuSecond: number, peakRssMb: number): CatchUpSide {
  return {
    events: 2_000_000,
    wallSeconds: 20,
    eventsPerSecond: 100_000,
    cpuSeconds: 2_000_000 / eventsPerCpuSecond,
    eventsPerCpuSecond,
    peakRssMb,
    kafkaCpuSeconds: 1,
    clickhouseCpuSeconds: 2,
    wholeProcessCpuSeconds: 30,
  };
}
