// `npm run bench:core`: the pure engine core on one core (this process, no I/O):
// Avro/JSON decode + validation, per-partition watermark, tumbling-window update, as the
// aggregator runs them per record; plus memory per open key and snapshot cost at 100k keys.
// Prints a table and writes bench/results/core-<timestamp>.json. Needs --expose-gc for memory.
// The pipeline lines decode as the aggregator's task does: InterningClickEventDecoder into the
// engine's user-id dictionaries, one transient event object. The "decode ... + validate" lines are
// the public decodeClickEvent (fresh strings and objects), plus the interning decoder alone.
// "watermark + window only" decodes each chunk of 1024 events untimed, then times only the engine
// and tracker on them: the events come from the interning decoder (one object each, as the chunk
// keeps them), so the line is the window part of the full pipeline without the decode (the difference to the sum of the two lines
// is their interference: cache and young-generation GC pressure).
import { encodeClickEventAvro, encodeClickEventJson, decodeClickEvent, InterningClickEventDecoder, type ClickEvent } from '@clickstream/event-schema';
import { WatermarkTracker } from '@clickstream/watermark';
import { clickUserIds, clickWindowEngineConfig, clickWindowKeys } from '@clickstream/click-windows';
import { WindowEngine } from '@clickstream/window-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = 5;
const gc = (globalThis as { gc?: () => void }).gc;

// Exactly the aggregator's engine (same config object factory, shared key cache and measures).
const newEngineConfig = () => clickWindowEngineConfig(60_000, 0);
const newEngine = () => new WindowEngine(newEngineConfig());

/** Realistic stream: 200 pages x 20 countries, 50k users, 10k events per event-time second, 3 s jitter. */
function events(n: number): ClickEvent[] {
  const countries = ['US', 'IN', 'GB', 'DE', 'BR', 'FR', 'JP', 'CA', 'ES', 'IT', 'MX', 'AU', 'NL', 'PL', 'SE', 'KR', 'ID', 'TR', 'NG', 'ZA'];
  const t0 = Date.UTC(2026, 0, 1);
  const out: ClickEvent[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const h = Math.imul(i + 1, 2654435761) >>> 0;
    out[i] = {
      event_id: `${(h >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      user_id: `u${100000 + (h % 50_000)}`,
      ts: t0 + Math.floor(i / 10) - (h % 3_000),
      page: `/product/${(h >>> 8) % 200}`,
      referrer: i % 3 === 0 ? '' : 'https://www.google.com/',
      country: countries[(h >>> 16) % countries.length] as string,
      device: (['mobile', 'desktop', 'tablet', 'bot'] as const)[h % 4] as ClickEvent['device'],
    };
  }
  return out;
}

/** Set by a scenario that times only part of its work; otherwise the whole call is timed. */
let timedNs: number | undefined;

function best(label: string, fn: () => number): { label: string; eventsPerSecond: number; nsPerEvent: number } {
  let bestNs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    gc?.();
    timedNs = undefined;
    const started = process.hrtime.bigint();
    const processed = fn();
    const ns = (timedNs ?? Number(process.hrtime.bigint() - started)) / processed;
    bestNs = Math.min(bestNs, ns);
  }
  return { label, eventsPerSecond: Math.round(1e9 / bestNs), nsPerEvent: Math.round(bestNs) };
}

function pipeline(buffers: Buffer[]): number {
  const tracker = new WatermarkTracker({ outOfOrdernessMs: 10_000 });
  tracker.addSource(0, 0);
  const engine = newEngine();
  let recordTs = 0;
  // As the aggregator's task: user ids interned into the engine's dictionaries while decoding.
  const decoder = new InterningClickEventDecoder(clickUserIds, { now: () => recordTs }, clickWindowKeys);
  let rejected = 0;
  for (let i = 0; i < buffers.length; i++) {
    recordTs = Date.UTC(2026, 0, 1) + i;
    const event = decoder.decodeTransient(buffers[i] as Buffer);
    if (!event.ok) {
      rejected++;
      continue;
    }
    engine.add(event);
    tracker.observe(0, event.ts, recordTs);
    const wm = tracker.watermark;
    if (wm > engine.watermark) engine.advanceWatermark(wm);
  }
  if (rejected > 0) throw new Error(`${rejected} events rejected: the benchmark input is wrong`);
  return buffers.length;
}

const CHUNK = 1024;

function windowOnly(buffers: Buffer[]): number {
  const tracker = new WatermarkTracker({ outOfOrdernessMs: 10_000 });
  tracker.addSource(0, 0);
  const engine = newEngine();
  const decoder = new InterningClickEventDecoder(clickUserIds, { now: () => Date.UTC(2026, 0, 2) });
  const chunk: ClickEvent[] = new Array(CHUNK);
  let ns = 0;
  for (let at = 0; at < buffers.length; at += CHUNK) {
    const n = Math.min(CHUNK, buffers.length - at);
    for (let j = 0; j < n; j++) {
      const event = decoder.decode(buffers[at + j] as Buffer);
      if (!event.ok) throw new Error('decode failed');
      chunk[j] = event;
    }
    const started = process.hrtime.bigint();
    for (let j = 0; j < n; j++) {
      const recordTs = Date.UTC(2026, 0, 1) + at + j;
      const event = chunk[j] as ClickEvent;
      engine.add(event);
      tracker.observe(0, event.ts, recordTs);
      const wm = tracker.watermark;
      if (wm > engine.watermark) engine.advanceWatermark(wm);
    }
    ns += Number(process.hrtime.bigint() - started);
  }
  timedNs = ns;
  return buffers.length;
}

function decodeOnly(buffers: Buffer[]): number {
  const options = { now: () => Date.UTC(2026, 0, 2) };
  let ok = 0;
  for (const b of buffers) if (decodeClickEvent(b, options).ok) ok++;
  if (ok !== buffers.length) throw new Error('decode failed');
  return buffers.length;
}

/** The aggregator's decoder alone: user ids interned, event id and referrer left as bytes. */
function decodeInternedOnly(buffers: Buffer[]): number {
  const decoder = new InterningClickEventDecoder(clickUserIds, { now: () => Date.UTC(2026, 0, 2) });
  let ok = 0;
  for (const b of buffers) if (decoder.decodeTransient(b).ok) ok++;
  if (ok !== buffers.length) throw new Error('decode failed');
  return buffers.length;
}

function openKeys(keys: number) {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const engine = newEngine();
  const t = Date.UTC(2026, 0, 1);
  for (let k = 0; k < keys; k++) {
    engine.add({ event_id: 'x', user_id: `u${k % 50_000}`, ts: t + (k % 60_000), page: `/p/${k}`, country: 'US', device: 'mobile', referrer: '' });
  }
  gc?.();
  const bytesPerKey = Math.round((process.memoryUsage().heapUsed - before) / keys);
  let snapshotMs = Infinity;
  let json = '';
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    json = JSON.stringify(engine.snapshot());
    snapshotMs = Math.min(snapshotMs, performance.now() - started);
  }
  const restoreStarted = performance.now();
  WindowEngine.restore(newEngineConfig(), JSON.parse(json));
  const restoreMs = performance.now() - restoreStarted;
  return { keys, bytesPerKey: gc ? bytesPerKey : null, snapshotMs: Math.round(snapshotMs), snapshotBytes: json.length, restoreMs: Math.round(restoreMs) };
}


const input = events(N);
const avro = input.map((e) => encodeClickEventAvro(e));
const json = input.map((e) => encodeClickEventJson(e));
const throughput = [
  best('decode Avro + validate', () => decodeOnly(avro)),
  best('decode JSON + validate', () => decodeOnly(json)),
  best('decode Avro + validate, interning (the aggregator\'s decoder)', () => decodeInternedOnly(avro)),
  best('watermark + window only (pre-decoded interned events)', () => windowOnly(avro)),
  best('decode Avro + watermark + window', () => pipeline(avro)),
  best('decode JSON + watermark + window', () => pipeline(json)),
];
const memory = [openKeys(10_000), openKeys(100_000)];

const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage };
console.log(`core benchmark: ${N.toLocaleString('en-US')} events, best of ${ROUNDS}, one core, ${machine.cpuModel}, Node ${machine.node}, load average ${loadAverage.join(' ')}`);
for (const t of throughput) console.log(`  ${t.label.padEnd(62)} ${t.eventsPerSecond.toLocaleString('en-US').padStart(12)} events/s  ${t.nsPerEvent} ns/event`);
for (const m of memory) {
  console.log(
    `  ${m.keys.toLocaleString('en-US')} open keys: ${m.bytesPerKey ?? '?'} bytes/key heap, snapshot ${m.snapshotMs} ms ` +
      `(${(m.snapshotBytes / 1e6).toFixed(1)} MB JSON), restore ${m.restoreMs} ms`,
  );
}
const outDir = path.join(__dirname, '../../bench/results');
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `core-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ scenario: 'core', events: N, machine, throughput, memory }, null, 2));
console.log(`  written ${path.relative(process.cwd(), file)}`);
