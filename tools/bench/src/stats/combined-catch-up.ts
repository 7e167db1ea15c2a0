import { round2, throughputOf } from '../run/throughput-meter';
import type { CatchUpSide } from '../suite/flink-comparison-result';

/** Every single read behind `sides`: a combined side's `runs`, else the side itself. */
export function eachRead(sides: readonly CatchUpSide[]): CatchUpSide[] {
  return sides.flatMap((side) => side.runs ?? [side]);
}

/**
 * Several reads of one topic by one job as one figure: events and CPU (and wall, Kafka and
 * ClickHouse CPU) summed, so events per CPU-second is total events over total CPU, not a mean of
 * ratios; peak RSS is the highest; whole-process CPU the mean of a read. The reads stay in `runs`.
 */
export function combineCatchUpRuns(runs: readonly CatchUpSide[]): CatchUpSide {
  if (runs.length === 0) throw new RangeError('combineCatchUpRuns needs at least one read');
  const sum = (f: (r: CatchUpSide) => number) => runs.reduce((acc, r) => acc + f(r), 0);
  const stack = { kafkaCpuSeconds: sum((r) => r.kafkaCpuSeconds), clickhouseCpuSeconds: sum((r) => r.clickhouseCpuSeconds) };
  return {
    ...throughputOf(sum((r) => r.events), sum((r) => r.wallSeconds), sum((r) => r.cpuSeconds), Math.max(...runs.map((r) => r.peakRssMb)), stack),
    wholeProcessCpuSeconds: round2(sum((r) => r.wholeProcessCpuSeconds) / runs.length),
    runs: runs.map((r) => ({ ...r })),
  };
}
