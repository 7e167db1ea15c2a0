import { TRAFFIC_EPOCH_MS } from '../../harness/pipeline-scenario';
import type { Drill } from '../drill';
import { eventTimeSpanMs, pause } from '../drill-run';

const BEFORE = 4;
const AFTER = 6;

export const partitionIncreaseDrill: Drill = {
  id: 'partitions-4-to-6',
  partitions: BEFORE,
  fault:
    `The topic grows from ${BEFORE} to ${AFTER} partitions (admin createPartitions) while the producer runs; ` +
    'a second producer run (a fresh process) follows. The consumers must find and read the new partitions from their start.',
  // kafkajs consumers see new partitions at their next metadata refresh (metadataMaxAge, default
  // 300 s). The full run allows one whole default period and reports how long the pickup took; the
  // CI form keeps its bound, so a consumer that needs minutes to see new partitions fails it.
  settleTimeoutMs: (profile) => (profile.mode === 'full' ? Math.max(profile.settleTimeoutMs, 420_000) : profile.settleTimeoutMs),
  async run(run) {
    const half = Math.floor(run.profile.events / 2);
    run.startApps();
    const producing = run.produce(half, run.seed, run.profile.rate);
    await Promise.all([run.owning('aggregator'), run.owning('raw-sink')]);
    await pause(1_000);
    const admin = await run.stack.localStack.admin();
    await admin.createPartitions({ topicPartitions: [{ topic: run.scenario.topic, count: AFTER }], validateOnly: false });
    run.record(`partitions ${BEFORE} -> ${AFTER}`);
    await producing;
    const during = (await admin.fetchTopicOffsets(run.scenario.topic)).filter((o) => o.partition >= BEFORE);
    run.notes.push(`records in the new partitions from the producer that ran across the increase: ${during.reduce((n, o) => n + Number(o.high), 0)}`);
    await run.produce(half, run.seed + 1, run.profile.rate, TRAFFIC_EPOCH_MS + eventTimeSpanMs(half));
    const after = (await admin.fetchTopicOffsets(run.scenario.topic)).filter((o) => o.partition >= BEFORE);
    run.notes.push(`records in the new partitions after a fresh producer run: ${after.reduce((n, o) => n + Number(o.high), 0)}`);
  },
};
