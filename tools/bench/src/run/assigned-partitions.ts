/**
 * Partitions the consumer apps last logged as assigned (`"msg":"partitions assigned"`). Their
 * stream_partitions_owned gauge only counts a partition once a batch of it arrived, so on an empty
 * topic the log is what tells that the group has settled.
 */
export function lastAssignedPartitions(log: string): number[] | undefined {
  let last: number[] | undefined;
  for (const line of log.split('\n')) {
    if (!line.includes('"partitions assigned"')) continue;
    try {
      const entry = JSON.parse(line) as { assigned?: unknown };
      if (Array.isArray(entry.assigned)) last = entry.assigned.map(Number);
    } catch {
      // A line cut in the middle of a write: the next poll reads it whole.
    }
  }
  return last;
}
