import { TRAFFIC_EPOCH_MS } from '../../harness/pipeline-scenario';
import type { Drill } from '../drill';
import { eventTimeSpanMs } from '../drill-run';
import { malformedMessages } from '../malformed-records';

/** Sent right after the restart: the apps' dead-letter producers must publish again. */
const MALFORMED_AFTER_RESTART = 40;

export const kafkaDownDrill: Drill = {
  id: 'kafka-down',
  fault:
    'The Kafka broker stopped (SIGTERM) right after a first half of the traffic, the apps running; ' +
    'restarted with its data after the outage; then the second half is produced, with a few malformed ' +
    'records so the dead-letter producers must publish after the restart.',
  async run(run) {
    const half = Math.floor(run.profile.events / 2);
    run.startApps();
    await run.produce(half, run.seed, run.profile.rate);
    await Promise.all([run.owning('aggregator'), run.owning('raw-sink')]);
    await run.outage('kafka', run.profile.outageMs);
    const producer = await run.stack.localStack.producer();
    await producer.send({ topic: run.scenario.topic, messages: malformedMessages(0, MALFORMED_AFTER_RESTART) });
    await run.produce(half, run.seed + 1, run.profile.rate, TRAFFIC_EPOCH_MS + eventTimeSpanMs(half));
    const exits = run.supervisor.unexpectedExits;
    const restarts = run.supervisor.all().map((p) => `${p.app} ${p.log().split('kafkajs: Restarting the consumer').length - 1}`);
    run.notes.push(`in-process kafkajs consumer restarts after it gave up retrying (CRASH, restartOnFailure): ${restarts.join(', ')}`);
    run.notes.push(
      exits.length === 0
        ? 'both apps rode the broker outage out in-process (no exit)'
        : `apps exited during the outage and were restarted by the policy: ${exits.map((e) => `${e.app} (code ${e.code})`).join(', ')}`,
    );
  },
};
