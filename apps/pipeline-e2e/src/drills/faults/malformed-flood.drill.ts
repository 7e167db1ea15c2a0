import type { Drill } from '../drill';
import { pause } from '../drill-run';
import { malformedMessages } from '../malformed-records';

const CHUNKS = 20;

export const malformedFloodDrill: Drill = {
  id: 'malformed-10pct',
  fault:
    'Malformed records make up 10% of the traffic: garbage bytes, broken JSON, a missing field and an ' +
    'ancient timestamp, written to the topic by the drill while the producer sends valid events.',
  async run(run) {
    const total = Math.round(run.profile.events / 9); // 10% of valid + malformed
    const producer = await run.stack.localStack.producer();
    run.startApps();
    const producing = run.produce(run.profile.events, run.seed, run.profile.rate);
    const spreadMs = (run.profile.events / run.profile.rate) * 1_000;
    let sent = 0;
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      const n = Math.round((total * (chunk + 1)) / CHUNKS) - sent;
      await producer.send({ topic: run.scenario.topic, messages: malformedMessages(sent, n) });
      sent += n;
      await pause(spreadMs / CHUNKS);
    }
    run.record(`${sent} malformed records interleaved with ${run.profile.events} valid ones`);
    await producing;
  },
};
