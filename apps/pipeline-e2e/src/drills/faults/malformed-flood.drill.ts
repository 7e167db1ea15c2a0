import { TRAFFIC_EPOCH_MS } from '../../harness/pipeline-scenario';
import type { Drill } from '../drill';
import { pause } from '../drill-run';

/** Undecodable or invalid records, one of each reason the apps dead-letter. */
const MALFORMED: Buffer[] = [
  Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]),
  Buffer.from('{"event_id": "oops", '),
  Buffer.from(JSON.stringify({ event_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', ts: TRAFFIC_EPOCH_MS, page: '/', referrer: '', country: 'US', device: 'mobile' })),
  Buffer.from(JSON.stringify({ event_id: '7c9e6679-7425-40de-944b-e07fc1f90ae8', user_id: 'u1', ts: 42, page: '/', referrer: '', country: 'US', device: 'mobile' })),
];

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
      const messages = Array.from({ length: n }, (_, i) => ({ key: `bad-${sent + i}`, value: MALFORMED[(sent + i) % MALFORMED.length] as Buffer }));
      await producer.send({ topic: run.scenario.topic, messages });
      sent += n;
      await pause(spreadMs / CHUNKS);
    }
    run.record(`${sent} malformed records interleaved with ${run.profile.events} valid ones`);
    await producing;
  },
};
