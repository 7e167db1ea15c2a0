/**
 * The producer's last stderr line: `producer: N events in S s (R/s, asked X/s), acked A, failed F`,
 * then `, W send threads, drained in D s` since it sends from worker threads.
 */
export interface ProducerSummary {
  generated: number;
  seconds: number;
  achievedRate: number;
  askedRate: number;
  acked: number;
  failed: number;
  /** Absent from producers older than the send threads. */
  sendThreads?: number;
  drainSeconds?: number;
}

const LINE = /^producer: (\d+) events in ([\d.]+) s \((\d+(?:\.\d+)?)\/s, asked (\d+)\/s\), acked (\d+), failed (\d+)(?:, (\d+) send threads?, drained in ([\d.]+) s)?$/m;

export function parseProducerSummary(output: string): ProducerSummary | undefined {
  const m = LINE.exec(output);
  if (!m) return undefined;
  const [, generated, seconds, achievedRate, askedRate, acked, failed, sendThreads, drainSeconds] = m.map(Number) as number[];
  return {
    ...(m[7] !== undefined ? { sendThreads, drainSeconds } : {}),
    generated: generated as number,
    seconds: seconds as number,
    achievedRate: achievedRate as number,
    askedRate: askedRate as number,
    acked: acked as number,
    failed: failed as number,
  };
}
