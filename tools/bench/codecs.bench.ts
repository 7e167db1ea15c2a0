// `npm run bench:codecs`: compress and decompress speed of Kafka codec packages on one realistic
// record batch of our events (one core, no I/O), to choose the codecs libs/kafka registers.
// The batch is what kafkajs hands a codec: 500 encoded records (key = user id, value = the event in
// Avro or JSON), as one partition's share of a producer request. Packages that are not installed are
// listed as such: to compare the candidates, install them beside the project without saving, e.g.
//   npm i --no-save snappy lz4-napi zstd-codec @bokuweb/zstd-wasm lz4
// Speeds are per CPU-second of this process (robust to other load on the machine). Prints a table; figures and the choice: docs/benchmarks.md, "Compression codecs".
import { encodeClickEventAvro, encodeClickEventJson, type ClickEvent } from '@clickstream/event-schema';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';

const RECORDS = 500;
const ROUNDS = 3;
const projectRequire = createRequire(__filename);

interface Candidate {
  readonly codec: 'gzip' | 'snappy' | 'lz4' | 'zstd';
  readonly pkg: string;
  readonly kind: string;
  /** Resolves the package or throws (not installed, or it failed to load). */
  load(): Promise<{ compress?: (b: Buffer) => Buffer; decompress: (b: Buffer) => Buffer }>;
}

const candidates: Candidate[] = [
  { codec: 'gzip', pkg: 'node:zlib (kafkajs built-in)', kind: 'native, in Node', load: async () => ({ compress: (b) => zlib.gzipSync(b), decompress: (b) => zlib.gunzipSync(b) }) },
  {
    codec: 'snappy', pkg: 'snappyjs (kafkajs-snappy)', kind: 'pure JS',
    load: async () => {
      const s = projectRequire('snappyjs') as { compress(b: Buffer): Buffer; uncompress(b: Buffer): Buffer };
      return { compress: (b) => s.compress(b), decompress: (b) => s.uncompress(b) };
    },
  },
  {
    codec: 'snappy', pkg: 'snappy', kind: 'napi-rs prebuilt',
    load: async () => {
      const s = projectRequire('snappy') as { compressSync(b: Buffer): Buffer; uncompressSync(b: Buffer): Buffer };
      return { compress: (b) => s.compressSync(b), decompress: (b) => s.uncompressSync(b) };
    },
  },
  {
    codec: 'lz4', pkg: 'lz4js', kind: 'pure JS',
    load: async () => {
      const l = projectRequire('lz4js') as { compress(b: Uint8Array): Uint8Array; decompress(b: Uint8Array): Uint8Array };
      return { compress: (b) => Buffer.from(l.compress(b)), decompress: (b) => Buffer.from(l.decompress(b)) };
    },
  },
  {
    codec: 'lz4', pkg: 'lz4-napi', kind: 'napi-rs prebuilt',
    load: async () => {
      const l = projectRequire('lz4-napi') as { compressFrameSync(b: Buffer): Buffer; decompressFrameSync(b: Buffer): Buffer };
      return { compress: (b) => l.compressFrameSync(b), decompress: (b) => l.decompressFrameSync(b) };
    },
  },
  {
    codec: 'lz4', pkg: 'lz4 (kafkajs-lz4)', kind: 'node-gyp, JS fallback',
    load: async () => {
      const l = projectRequire('lz4') as { encode(b: Buffer): Buffer; decode(b: Buffer): Buffer };
      return { compress: (b) => l.encode(b), decompress: (b) => l.decode(b) };
    },
  },
  {
    codec: 'zstd', pkg: 'fzstd', kind: 'pure JS, decompress only',
    load: async () => {
      const z = projectRequire('fzstd') as { decompress(b: Uint8Array): Uint8Array };
      return { decompress: (b) => Buffer.from(z.decompress(b)) };
    },
  },
  {
    codec: 'zstd', pkg: 'zstd-codec', kind: 'emscripten wasm, inlined',
    load: async () => {
      const { ZstdCodec } = projectRequire('zstd-codec') as { ZstdCodec: { run(cb: (z: { Simple: new () => { compress(b: Uint8Array, level?: number): Uint8Array; decompress(b: Uint8Array): Uint8Array } }) => void): void } };
      const simple = await new Promise<{ compress(b: Uint8Array, level?: number): Uint8Array; decompress(b: Uint8Array): Uint8Array }>((resolve) => ZstdCodec.run((z) => resolve(new z.Simple())));
      return { compress: (b) => Buffer.from(simple.compress(b, 3)), decompress: (b) => Buffer.from(simple.decompress(b)) };
    },
  },
  {
    codec: 'zstd', pkg: '@bokuweb/zstd-wasm', kind: 'wasm file beside the JS',
    load: async () => {
      const z = projectRequire('@bokuweb/zstd-wasm') as { init(): Promise<void>; compress(b: Uint8Array, level?: number): Uint8Array; decompress(b: Uint8Array): Uint8Array };
      await z.init();
      return { compress: (b) => Buffer.from(z.compress(b, 3)), decompress: (b) => Buffer.from(z.decompress(b)) };
    },
  },
];

const COUNTRIES = ['US', 'US', 'US', 'IN', 'GB', 'DE', 'BR', 'FR', 'JP', 'CA', 'ES', 'IT', 'MX', 'AU', 'ZZ'];
const DEVICES: ClickEvent['device'][] = ['mobile', 'mobile', 'mobile', 'desktop', 'desktop', 'tablet', 'bot'];
const REFERRERS = ['', '', 'https://www.google.com/', 'https://www.google.com/', 'https://t.co/', 'https://www.facebook.com/'];

/** Events shaped like the producer's: random UUIDs, 50k users, Zipf-ish pages, 3 s jitter. */
function realisticEvents(n: number): ClickEvent[] {
  const t0 = Date.UTC(2026, 0, 1);
  const page = () => {
    const rank = Math.floor(Math.pow(Math.random(), 3) * 200);
    return rank < 8 ? ['/', '/search', '/cart', '/checkout', '/login', '/account', '/deals', '/help'][rank] as string : rank % 5 === 0 ? `/category/${rank / 5}` : `/product/${rank}`;
  };
  return Array.from({ length: n }, (_, i) => {
    const user = Math.floor(Math.random() * 50_000);
    return {
      event_id: randomUUID(),
      user_id: `u${100000 + user}`,
      ts: t0 + Math.floor(i / 10) - Math.floor(Math.random() * 3000),
      page: page(),
      referrer: Math.random() < 0.7 ? page() : (REFERRERS[i % REFERRERS.length] as string),
      country: COUNTRIES[user % COUNTRIES.length] as string,
      device: DEVICES[user % DEVICES.length] as ClickEvent['device'],
    };
  });
}

/** The bytes kafkajs gives a codec: the batch's records, encoded as kafkajs encodes them. */
function recordsPayload(values: Buffer[], keys: string[]): Buffer {
  const Encoder = projectRequire('kafkajs/src/protocol/encoder') as new () => { writeEncoderArray(a: unknown[]): unknown; buffer: Buffer };
  const Record = projectRequire('kafkajs/src/protocol/recordBatch/record/v0') as (r: object) => unknown;
  const records = values.map((value, i) => Record({ offsetDelta: i, timestampDelta: i, key: Buffer.from(keys[i] as string), value, headers: {} }));
  const encoder = new Encoder();
  encoder.writeEncoderArray(records);
  return encoder.buffer;
}

/** This process's CPU time (user + system) in µs: on a shared machine, wall time would count other processes. */
function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Best-of-ROUNDS MB (of raw batch) per CPU-second of `fn` over `input`, each round at least 60 ms of CPU. */
function mbPerSecond(input: Buffer, fn: (b: Buffer) => Buffer, rawBytes: number): number {
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let calls = 0;
    const started = cpuMicros();
    let elapsed = 0;
    while (elapsed < 60_000) {
      fn(input);
      calls++;
      elapsed = cpuMicros() - started;
    }
    best = Math.max(best, (rawBytes * calls) / elapsed);
  }
  return best;
}

async function main(): Promise<void> {
  const events = realisticEvents(RECORDS);
  const keys = events.map((e) => e.user_id);
  const batches = {
    avro: recordsPayload(events.map((e) => encodeClickEventAvro(e)), keys),
    json: recordsPayload(events.map((e) => encodeClickEventJson(e)), keys),
  };
  const reference = await candidates[0]?.load();
  const rows: string[] = [];
  for (const [format, batch] of Object.entries(batches)) {
    rows.push(`\n${format}: ${RECORDS} records, ${batch.length} bytes uncompressed (${(batch.length / RECORDS).toFixed(1)} B/event)`);
    rows.push('codec  | package                        | kind                       | B/event | ratio | compress MB/CPU-s | decompress MB/CPU-s | decompress ns/event');
    for (const c of candidates) {
      let impl;
      try {
        impl = await c.load();
      } catch (err) {
        rows.push(`${c.codec.padEnd(6)} | ${c.pkg.padEnd(30)} | not loadable here: ${(err as Error).message.split('\n')[0]}`);
        continue;
      }
      // Compressed by the package itself where it can; otherwise by the first package of its codec.
      const compressor = impl.compress ?? (await candidates.find((o) => o.codec === c.codec && o !== c)?.load().catch(() => undefined))?.compress;
      if (!compressor || !reference) continue;
      const compressed = compressor(batch);
      if (!impl.decompress(compressed).equals(batch)) throw new Error(`${c.pkg}: round trip changed the batch`);
      const comp = impl.compress ? mbPerSecond(batch, impl.compress, batch.length) : NaN;
      const decomp = mbPerSecond(compressed, impl.decompress, batch.length);
      const nsPerEvent = (batch.length / RECORDS / (decomp * 1e6)) * 1e9;
      rows.push(
        `${c.codec.padEnd(6)} | ${c.pkg.padEnd(30)} | ${c.kind.padEnd(26)} | ${(compressed.length / RECORDS).toFixed(1).padStart(7)} | ${(batch.length / compressed.length).toFixed(2).padStart(5)} | ${Number.isNaN(comp) ? '            -' : comp.toFixed(0).padStart(13)} | ${decomp.toFixed(0).padStart(15)} | ${nsPerEvent.toFixed(0).padStart(19)}`,
      );
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

void main();
