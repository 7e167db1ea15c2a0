import { decodeClickEvent } from '@clickstream/event-schema';
import { DEAD_LETTER_HEADERS } from '@clickstream/kafka';
import { DEFAULT_MAX_EVENT_AGE_DAYS, DEFAULT_MAX_FUTURE_SKEW_MS } from '@clickstream/stream-runtime';
import type { Message } from 'kafkajs';
import type { Drill } from '../drill';
import { pause, type DrillRun } from '../drill-run';
import { HOSTILE_LABEL_HEADER, hostileCorpus, type HostileRecord } from '../hostile-records';

const CHUNKS = 10;
/** Messages per produce request of the drill itself (the burst), well under the broker's request limit. */
const SEND_BATCH = 1_000;
const APPS = ['aggregator', 'raw-sink'] as const;

function toMessage(h: HostileRecord): Message {
  return { key: h.key, value: h.value, headers: { ...(h.headers ?? {}), [HOSTILE_LABEL_HEADER]: h.label } };
}

/** Sends records in requests of at most SEND_BATCH messages and ~900 KB (the 1 MB record goes alone). */
async function send(run: DrillRun, producer: Awaited<ReturnType<DrillRun['stack']['localStack']['producer']>>, records: HostileRecord[]): Promise<void> {
  let batch: Message[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length > 0) await producer.send({ topic: run.scenario.topic, messages: batch });
    batch = [];
    bytes = 0;
  };
  for (const h of records) {
    const size = (h.value?.length ?? 0) + (typeof h.key === 'string' ? h.key.length : (h.key?.length ?? 0)) + 60_000;
    if (batch.length >= SEND_BATCH || bytes + size > 900_000) await flush();
    batch.push(toMessage(h));
    bytes += size;
  }
  await flush();
}

export const hostileInputDrill: Drill = {
  id: 'hostile-input',
  fault:
    'A corpus of hostile records (issue 9 classes and more: unpaired surrogates, invalid UTF-8, control ' +
    'characters, BOM, 101 months after 2000, past the TTL, 50 min ahead of broker time, a ~1 MB record, ' +
    'a 100 KB binary key, deep JSON, wrong types, NaN/Infinity, duplicate keys, tombstones, garbage headers, ' +
    'a burst of small invalid records) written into the topic while the producer sends valid events.',
  async run(run) {
    const burst = run.profile.mode === 'full' ? 30_000 : 3_000;
    const corpus = hostileCorpus(burst);
    const producer = await run.stack.localStack.producer();
    run.startApps();
    const producing = run.produce(run.profile.events, run.seed, run.profile.rate);
    const spreadMs = (run.profile.events / run.profile.rate) * 1_000;
    const classes = corpus.filter((h) => !h.label.startsWith('burst')).map((h) => h);
    const chunk = Math.ceil(classes.length / CHUNKS);
    for (let i = 0; i < CHUNKS; i++) {
      await send(run, producer, classes.slice(i * chunk, (i + 1) * chunk));
      if (i === Math.floor(CHUNKS / 2)) await send(run, producer, corpus.filter((h) => h.label.startsWith('burst')));
      await pause(spreadMs / CHUNKS);
    }
    run.record(`${corpus.length} hostile records (${new Set(corpus.map((h) => h.label.replace(/ \(#\d+\)$/, ''))).size} classes, a burst of ${burst}) interleaved with ${run.profile.events} valid events`);
    await producing;
  },

  /** Every hostile record accounted for: the expected verdict, then landed once or dead-lettered by both apps with its reason. */
  async afterSettle(run) {
    const problems: string[] = [];
    const options = { maxFutureSkewMs: DEFAULT_MAX_FUTURE_SKEW_MS, maxEventAgeMs: DEFAULT_MAX_EVENT_AGE_DAYS * 86_400_000 };
    const corpusExpect = new Map(hostileCorpus(0).map((h) => [h.label, h.expect]));
    const letters = new Map<string, Record<string, string>>();
    for (const list of (await run.scenario.readTopic(run.scenario.deadLetterTopic)).values()) {
      for (const l of list) letters.set(String(l.key), l.headers);
    }
    const observed = await run.observe();
    let accepted = 0;
    let dead = 0;
    let truncated = 0;
    let hostile = 0;
    for (const records of (await run.scenario.readTopic(run.scenario.topic)).values()) {
      for (const r of records) {
        const label = r.headers[HOSTILE_LABEL_HEADER];
        if (label === undefined) continue;
        hostile++;
        const expected = label.startsWith('burst') ? 'json_parse_error' : corpusExpect.get(label);
        const verdict = decodeClickEvent(r.value, { ...options, now: () => r.timestamp });
        const got = verdict.ok ? 'accepted' : verdict.reason;
        if (got !== expected) problems.push(`${label}: expected ${expected}, decoded as ${got}`);
        if (verdict.ok) {
          const n = observed.rawRowsById.get(verdict.event.event_id) ?? 0;
          if (n !== 1) problems.push(`${label}: accepted but ${n} rows in clicks_raw`);
          else accepted++;
          continue;
        }
        for (const app of APPS) {
          const headers = letters.get(`${app}/${run.scenario.topic}/${r.partition}/${r.offset}`);
          if (headers === undefined) problems.push(`${label}: no dead letter from ${app}`);
          else if (headers[DEAD_LETTER_HEADERS.reason] !== verdict.reason) problems.push(`${label}: ${app} dead-lettered it as ${headers[DEAD_LETTER_HEADERS.reason]}`);
          else {
            dead++;
            if (headers[DEAD_LETTER_HEADERS.truncated] === 'true') truncated++;
          }
        }
      }
    }
    const exits = run.supervisor.unexpectedExits.length;
    if (exits > 0) problems.push(`${exits} unexpected app exits`);
    run.notes.push(
      `hostile records accounted for: ${hostile} in the topic; ${accepted} accepted and landed once in clicks_raw; ` +
        `${dead} dead letters (${dead / 2} records x 2 apps) each with the expected reason; ${truncated} letters truncated with length + SHA-256; ` +
        `${exits} unexpected exits; problems: ${problems.length}`,
    );
    if (problems.length > 0) throw new Error(`hostile records not accounted for:\n${problems.slice(0, 20).join('\n')}`);
  },
};
