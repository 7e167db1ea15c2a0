/**
 * Which worker sends to a partition: partition p belongs to worker p mod workers. Disjoint sets
 * with one in-order producer each keep every partition in generation order.
 */
export function ownerOfPartition(partition: number, workers: number): number {
  return partition % workers;
}

/** Workers actually started: never more than partitions, since an idle worker only costs CPU. */
export function effectiveWorkerCount(asked: number, partitionCount: number, cpus: number): number {
  const wanted = asked > 0 ? asked : cpus;
  return Math.max(1, Math.min(wanted, partitionCount));
}
