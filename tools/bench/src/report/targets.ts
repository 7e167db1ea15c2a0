import type { PipelineResult } from '../suite/bench-result';
import { formatNumber } from './svg-bar-chart';

/** One target of the measurement issue, reported against (never asserted). */
export interface TargetRow {
  target: string;
  measured: string;
  met: boolean | null;
}

const ms = (v: number) => `${formatNumber(v)} ms`;

export function evaluateTargets(r: PipelineResult): TargetRow[] {
  const rows: TargetRow[] = [];
  const add = (target: string, measured: number | null | undefined, show: (v: number) => string, ok: (v: number) => boolean) =>
    rows.push(measured === null || measured === undefined ? { target, measured: 'not measured', met: null } : { target, measured: show(measured), met: ok(measured) });

  const agg = r.catchUp.aggregatorAvro.eventsPerCpuSecond;
  add('aggregator ≥ 150,000 events per CPU-second (Avro catch-up)', agg, (v) => formatNumber(v), (v) => v >= 150_000);
  add('aggregator ≥ 70% of the bare-consumer ceiling', r.catchUp.aggregatorPercentOfCeiling, (v) => `${v}%`, (v) => v >= 70);
  add('raw-sink ≥ 100,000 events per CPU-second', r.catchUp.rawSink.eventsPerCpuSecond, (v) => formatNumber(v), (v) => v >= 100_000);
  add('producer ≥ 200,000 events/s', r.producer.maxRate.eventsPerSecond, (v) => `${formatNumber(v)}/s`, (v) => v >= 200_000);
  for (const a of r.producer.accuracy) {
    add(`producer within 1% of ${formatNumber(a.askedRate)}/s asked`, a.errorPercent, (v) => `${formatNumber(a.achievedRate)}/s (${v > 0 ? '+' : ''}${v}%)`, (v) => Math.abs(v) <= 1);
  }
  add('freshness p99 < 1 s: produce → row in clicks_raw', r.freshness.rawRowVisibleMs?.p99, ms, (v) => v < 1_000);
  add('freshness p99 < 1 s: watermark → window in page_minute_agg', r.freshness.windowVisibleMs?.p99, ms, (v) => v < 1_000);
  const atMaxKeys = [...r.checkpoints].sort((a, b) => b.openKeys - a.openKeys)[0];
  add('aggregator peak RSS < 300 MB with 100,000 open keys', atMaxKeys?.openKeys === 100_000 ? atMaxKeys.peakRssMb : null, (v) => `${v} MB`, (v) => v < 300);
  const allPartitionsMs = atMaxKeys?.openKeys === 100_000 && atMaxKeys.meanFlushMs !== null ? atMaxKeys.meanFlushMs * atMaxKeys.partitions : null;
  add('checkpoint of 100,000 keys < 200 ms (all partitions, one after the other)', allPartitionsMs, ms, (v) => v < 200);
  const worstRestart = r.restart.length > 0 ? Math.max(...r.restart.map((x) => x.restartToResumedMs)) : null;
  add('restart-to-resumed after kill -9 < 5 s (worst run)', worstRestart, ms, (v) => v < 5_000);
  return rows;
}
