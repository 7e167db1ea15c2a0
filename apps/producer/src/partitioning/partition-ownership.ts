/**
 * Which worker sends to a partition: partition p belongs to worker p mod workers. Disjoint sets
 * with one in-order producer each keep every partition in generation order.
 */
export function ownerOfPartition(partition: number, workers: number): number {
  return partition % workers;
}

/** Events per second one send thread is given by default (it tops out well above, ~150k+). */
export const RATE_PER_AUTO_WORKER = 50_000;

/**
 * Workers actually started: never more than partitions, since an idle worker only costs CPU. By
 * default (asked = 0) one per CPU core, but only as many as the rate needs: every thread walks the
 * whole stream and pays its own request overheads, so extra threads at low rates only cost CPU.
 */
export function effectiveWorkerCount(asked: number, partitionCount: number, cpus: number, rate: number): number {
  const wanted = asked > 0 ? asked : Math.min(cpus, Math.ceil(rate / RATE_PER_AUTO_WORKER));
  return Math.max(1, Math.min(wanted, partitionCount));
}
