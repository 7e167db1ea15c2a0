import os from 'node:os';
import type { DrillProfile } from './drill-profile';
import type { DrillResult } from './drill-suite';

export interface MachineDescription {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly kernel: string;
}

export function describeMachine(): MachineDescription {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
  };
}

export interface ReliabilityReport {
  readonly command: string;
  readonly startedAt: Date;
  readonly profile: DrillProfile;
  readonly machine: MachineDescription;
  readonly table: string;
  readonly results: readonly DrillResult[];
}

/** What the kafka-down drill's "unplanned exits" are, so a reader does not take them for a fault. */
const KAFKA_RESTART_EXITS = `**Kafka broker restart: the apps exit 1 on purpose when kafkajs gives up.** Right after the broker
comes back, a kafkajs consumer can crash with \`KafkaJSNonRetriableError: Failed to find group
coordinator\` (the broker is still loading its group metadata), and kafkajs does not restart a consumer
after a non-retriable crash. Before this was handled, the process stayed alive consuming nothing (found by
this drill's short form in 2 of 6 runs). Now libs/stream-runtime stops the app cleanly (flush, checkpoint)
and exits 1, so the restart policy (compose \`restart: unless-stopped\`, here the drill's supervisor)
starts a new one: those are the "unplanned exits" counted in the kafka-down row.
`;

/** What the hostile-input drill proves beyond the table's columns. */
const HOSTILE_INPUT = `## Hostile input (issue 9): no record can stop the stream

The hostile-input drill writes a corpus of records a real client, a broken SDK or an attacker can
send (apps/pipeline-e2e/src/drills/hostile-records.ts) into the topic of a live run, spread over
the workload: unpaired UTF-16 surrogate escapes, invalid UTF-8 (stray bytes, overlongs, encoded
surrogates) in JSON and in Avro strings, NUL and newline in text, a UTF-8 BOM, 101 events in 101
months after 2000, events past the 90-day TTL, 50 minutes ahead of broker time, in 2300, at 2^53+2,
in 1970 and in epoch seconds, fractional, \`1e400\` and \`NaN\` timestamps, numbers as strings and other wrong
types, missing fields, \`null\`, arrays, \`{}\` and \`__proto__\`, nil and malformed UUIDs, 100,000-deep
JSON (closed and unclosed), truncated JSON and Avro, unknown schema ids, trailing bytes, an empty
record and a tombstone, a ~1,048,000-byte record, a 100 KB binary key; and valid-but-odd records
that must land (uppercase ids, duplicate keys, 10,000 unknown fields, garbage headers, emoji, a
genuine U+FFFD, a null referrer, an event 80 days old); plus a burst of small invalid records
(30,000 in the full run). Besides the table's verdict, every hostile record is accounted for: it
decodes to the reason the corpus expects, and then either lands exactly once in clicks_raw or has a
dead letter from both apps carrying that reason (oversize originals truncated with their length and
SHA-256); no app exits. Reasons and their meaning: docs/semantics.md, "Hostile input".
`;

const REDIS_EMPTY_ANSWER = `## Redis restarted empty: what then?

Redis holds every partition's checkpoint (next offset, engine state, fencing epoch and the announced
flush range). Restarted empty, all of it is gone at once. Without more, three things go wrong:

- a partition's next claim finds no checkpoint and starts where Kafka's committed offset (kept for
  lag monitoring only) puts it, with empty engine state: the events of windows still open at the
  last checkpoint, held only in that state, are **lost**;
- a flush that was announced but not committed is replayed with other range boundaries, hence other
  insert deduplication tokens: its rows are **counted twice**;
- a process that keeps running sees its epoch key vanish, is told "fenced" on its next flush and
  drops the partition until a rebalance that never comes: a **stall**.

The safe thing (a ClickHouse ledger + state snapshots, docs/architecture.md): every flush range is also recorded in ClickHouse
(\`stream_ledger\`), with a state snapshot at least every minute (\`stream_snapshots\`). A claim that
finds Redis empty restores the latest snapshot, seeks Kafka back to it, replays silently up to the
last ledgered range, replays that range with its original token (ClickHouse drops the rows that had
landed), and bumps the epoch above the ledger's so no zombie can write. A running owner that finds
its keys gone re-claims through the same path instead of stalling. The \`redis-empty\` drill below is
the proof: it must end with 0 lost and 0 counted twice. Without the ledger it lost 103,018 events
(840 of 1,031 windows wrong) and stalled: that is the problem the ledger solves.`;

/** Past this, new partitions were found by kafkajs' periodic metadata refresh, not promptly. */
const SLOW_PARTITION_PICKUP_MS = 60_000;

function partitionFinding(results: readonly DrillResult[]): string {
  const drill = results.find((x) => x.drill.startsWith('partitions-'));
  if (!drill || drill.settleMs <= SLOW_PARTITION_PICKUP_MS) return '';
  return `
**Partitions added: found late.** The tables were exact in the end (0 lost, 0 counted twice), but only
${(drill.settleMs / 1000).toFixed(0)} s after the workload: kafkajs refreshes topic metadata every
\`metadataMaxAge\` (default 300 s), and neither the consumers (libs/stream-runtime) nor the producer set it.
Until then a running producer writes only to the old partitions and the consumers do not read the
new ones, so their events stay invisible for up to 5 minutes. Setting \`metadataMaxAge: 10_000\` on the
consumer made the same drill settle 2 s after its workload (measured on the drill branch, not merged).
`;
}

/** docs/reliability.md: the latest full drill run, what each fault does, and the Redis-empty answer. */
export function renderReliabilityDoc(r: ReliabilityReport): string {
  const m = r.machine;
  const failed = r.results.filter((x) => !x.passed);
  const faults = r.results.map((x) => `- **${x.drill}**: ${x.fault}`).join('\n');
  const notes = r.results
    .flatMap((x) => [
      ...x.notes.map((n) => `- ${x.drill}: ${n}`),
      ...x.unexpectedExits.map((e) => `- ${x.drill}: ${e.app} exited with code ${e.code} at t+${(e.atMs / 1000).toFixed(0)}s (restarted by the policy)`),
      ...(x.error ? [`- ${x.drill}: error: ${x.error.split('\n')[0]}`] : []),
    ])
    .join('\n');
  return `# Reliability: fault drills

Generated by \`npm run drill\` (apps/pipeline-e2e/src/cli/drill.ts); do not edit by hand, rerun it.
CI runs the same drills in a short form (5 s outages, 4 kills): \`apps/pipeline-e2e/src/drills.int.spec.ts\`.

Each drill runs on a **private stack** (its own Kafka, ClickHouse and Redis, started by
tools/local-stack on free loopback ports and stopped at the end: drills stop real services, which must
never hit the stack other tests use), with an isolated pipeline (topics, database, consumer groups).
It produces a seeded workload with the real producer (late events and a traffic spike included),
runs the real aggregator and raw-sink bundles under a restart policy (like compose's
\`restart: unless-stopped\`: a process that ends is started again after 1 s), injects its fault,
then waits until the tables equal a **brute-force reference computed from the topic itself**, or a bound passes.

The verdict counts events: **lost** = raw rows missing by event_id + window clicks missing + late
events missing + dead letters missing; **counted twice** = surplus raw rows by event_id + window
clicks in excess + late events repeated; **windows wrong** = (window, page, country) rows whose
clicks or distinct users differ from the reference (or that are missing or extra); dead letters =
distinct DLQ keys found / malformed records x 2 apps.

## Latest run

- command: \`${r.command}\` (profile \`${r.profile.mode}\`: ${r.profile.events} valid events per drill at ${r.profile.rate}/s, outages ${r.profile.outageMs / 1000} s, ${r.profile.killRounds * 2} kills)
- started: ${r.startedAt.toISOString()}
- machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, ${m.kernel}, Node ${m.node}, load average at the end ${m.loadAverage.join(' / ')} (shared with other work: durations are indicative only)
- result: ${r.results.length - failed.length} passed, ${failed.length} failed${failed.length > 0 ? ` (${failed.map((x) => x.drill).join(', ')})` : ''}

${r.table}

"Settled in" is the time from the end of the workload and faults until the tables equalled the reference.

${notes ? `Notes from the run:\n\n${notes}\n` : ''}${partitionFinding(r.results)}
${KAFKA_RESTART_EXITS}
${HOSTILE_INPUT}
## What each fault does

${faults}

${REDIS_EMPTY_ANSWER}
`;
}
