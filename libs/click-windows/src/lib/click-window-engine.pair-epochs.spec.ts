import { decodeClickEvent, encodeClickEventAvro, encodeClickEventJson, InterningClickEventDecoder, type ClickEvent, type InternedClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import { WindowEngine } from '@clickstream/window-engine';
import { type ClickKeyState, clickMeasures, clickUserIds, clickWindowEngineConfig, clickWindowKeys, windowKeyOf } from './click-window-engine';

// A bound of 64 pages (PAGES_BOUND), so a test can make the shared index start over in a few dozen
// records. A literal in the factory: jest hoists it above the module's constants.
jest.mock('@clickstream/window-engine', () => {
  const actual = jest.requireActual('@clickstream/window-engine');
  class SmallPairKeyIndex extends actual.AsciiPairKeyIndex {
    constructor(separator: string) {
      super(separator, 64);
    }
  }
  return { ...actual, AsciiPairKeyIndex: SmallPairKeyIndex };
});
const PAGES_BOUND = 64;
const T0 = Date.UTC(2026, 0, 1);
const SEP = '\u0001';
const options = { now: () => T0 + 3_600_000 };

type Engine = WindowEngine<ClickEvent, never, { clicks: number; users: { count: number; ids: string[] } }>;
const norm = (panes: ReturnType<Engine['advanceWatermark']>) =>
  panes
    .map((p) => ({ w: p.window.start, key: p.key, pane: p.pane, clicks: p.measures.clicks, ids: [...p.measures.users.ids].sort() }))
    .sort((a, b) => a.w - b.w || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.pane - b.pane);

/** Decodes an event on a page of its own: a new page for clickWindowKeys. */
function junk(decoder: InterningClickEventDecoder, page: string, i: number): void {
  const d = decoder.decodeTransient(encodeClickEventJson(aClickEvent({ page: `${page}-${clickWindowKeys.epoch}-${i}`, country: 'US', ts: T0 })));
  expect(d.ok).toBe(true);
}

/**
 * Another partition's decoder fills clickWindowKeys' page index until the index starts over. With
 * `lastValid`, it then fills it again and decodes `lastValid` to make it start over once more:
 * `lastValid`'s pair is the first of the new epoch (ref 0).
 */
function forceClear(decoder: InterningClickEventDecoder, page: string, lastValid?: ClickEvent): void {
  const epoch = clickWindowKeys.epoch;
  for (let i = 0; clickWindowKeys.epoch === epoch; i++) {
    if (i > PAGES_BOUND + 10) throw new Error('index never started over');
    junk(decoder, page, i);
  }
  if (lastValid === undefined) return;
  // One page in the index (the junk that made it start over): the rest fill it.
  for (let i = 1; i < PAGES_BOUND; i++) junk(decoder, page, 10_000 + i);
  const again = clickWindowKeys.epoch;
  const d = decoder.decodeTransient(encodeClickEventJson(lastValid));
  if (!d.ok) throw new Error(d.reason);
  expect(clickWindowKeys.epoch).toBe(again + 1);
}

describe('clickWindowKeys epochs seen from the engine', () => {
  it('a key state made before a start-over keeps its page, country and key (its ref now names another pair)', () => {
    const decoder = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const made = decoder.decodeTransient(encodeClickEventJson(aClickEvent({ page: '/made-before', country: 'US', ts: T0 })));
    if (!made.ok) throw new Error(made.reason);
    const k = clickMeasures.createKeyState?.(made, 0, undefined) as ClickKeyState;
    forceClear(new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys), '/fill');
    // A full index again, so the old ref is taken by another pair of the new epoch.
    for (let i = 1; i < PAGES_BOUND; i++) junk(decoder, '/refill', i);
    expect([k.key, k.page, k.country]).toEqual([`/made-before${SEP}US`, '/made-before', 'US']);
  });

  it('a task keeps exact counts while another task sharing clickWindowKeys makes it start over (refs reused for other pairs)', () => {
    const taskA = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const taskB = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const plain = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    const engine = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    const pages = ['/a', '/b', '/c', '/d'];
    const countries = ['US', 'DE', 'FR'];
    const startEpoch = clickWindowKeys.epoch;
    for (let i = 0; i < 120; i++) {
      // Rotating which pair comes first after each restart, so a ref of the old epoch names another pair now.
      const e = aClickEvent({ page: pages[(i * 3 + Math.floor(i / 10)) % pages.length], country: countries[(i + Math.floor(i / 10)) % countries.length], user_id: `u${i % 7}`, ts: T0 + i * 1_000 });
      plain.add(e);
      const d = taskA.decodeTransient(i % 2 ? encodeClickEventAvro(e) : encodeClickEventJson(e));
      if (!d.ok) throw new Error(d.reason);
      engine.add(d);
      if (i % 10 === 9) forceClear(taskB, '/junk');
    }
    expect(clickWindowKeys.epoch).toBeGreaterThanOrEqual(startEpoch + 12);
    expect(norm(engine.advanceWatermark(T0 + 600_000) as never)).toEqual(norm(plain.advanceWatermark(T0 + 600_000) as never));
  });

  it('a window restored from a snapshot (not exact) and fed slots across restarts stays exact', () => {
    const decoder = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const other = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const plain = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    let engine = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    for (let i = 0; i < 90; i++) {
      const e = aClickEvent({ page: `/p${(i * 5) % 3}`, country: i % 4 ? 'US' : 'DE', user_id: `u${i % 5}`, ts: T0 + i * 500 });
      plain.add(e);
      const d = decoder.decodeTransient(encodeClickEventJson(e));
      if (!d.ok) throw new Error(d.reason);
      engine.add(d);
      if (i === 30 || i === 60) engine = WindowEngine.restore(clickWindowEngineConfig(60_000, 0), JSON.parse(JSON.stringify(engine.snapshot())));
      if (i % 15 === 14) forceClear(other, '/junk2');
    }
    expect(norm(engine.advanceWatermark(T0 + 600_000) as never)).toEqual(norm(plain.advanceWatermark(T0 + 600_000) as never));
  });

  // Not reachable from AggregatorTask (it decodes transiently and adds at once), but decode() promises
  // "a fresh event per call": its pair ref names its pair only until the index starts over.
  it('an event from decode() kept across a restart keeps its page and country, and its window key', () => {
    const decoder = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const e1 = aClickEvent({ page: '/kept', country: 'US', ts: T0 });
    const e2 = aClickEvent({ page: '/other', country: 'DE', ts: T0 + 1 });
    // (/kept, US) is the first pair of a new epoch: ref 0.
    forceClear(decoder, '/kept', e1);
    const kept = decoder.decode(encodeClickEventJson(e1)) as InternedClickEvent;
    expect(kept.ok).toBe(true);
    expect(kept.pairRef).toBe(0);
    // Another restart whose first pair is (/other, DE): ref 0 again, now naming another pair.
    forceClear(decoder, '/other', e2);
    const engine = new WindowEngine(clickWindowEngineConfig(60_000, 0));
    const d2 = decoder.decodeTransient(encodeClickEventJson(e2));
    if (!d2.ok) throw new Error(d2.reason);
    expect(d2.pairRef).toBe(0);
    engine.add(d2);
    engine.add(kept);
    expect(kept.page + SEP + kept.country).toBe(`/kept${SEP}US`);
    const keys = engine.advanceWatermark(T0 + 600_000).map((p) => `${p.key}:${p.measures.clicks}`).sort();
    // Expected two keys with one click each.
    expect({ keys, key: windowKeyOf(kept) }).toEqual({ keys: [`/kept${SEP}US:1`, `/other${SEP}DE:1`], key: `/kept${SEP}US` });
  });

  it('gives the same verdict as decodeClickEvent on parts the index does not take (empty, 255/256/257 bytes, bad countries)', () => {
    const decoder = new InterningClickEventDecoder(clickUserIds, options, clickWindowKeys);
    const pages = ['', '/', 'p', '/'.padEnd(254, 'x'), '/'.padEnd(255, 'y'), '/'.padEnd(256, 'z'), '/'.padEnd(257, 'w'), '/'.padEnd(2048, 'v'), '/'.padEnd(2049, 'u')];
    const countries = ['', 'D', 'DE', 'de', 'DEU', 'ZZ', 'x'.repeat(255), 'x'.repeat(256)];
    // Bad countries are not interned: they cannot fill the shared index.
    const epoch = clickWindowKeys.epoch;
    for (const page of pages) {
      for (const country of countries) {
        const e = aClickEvent({ page, country, ts: T0 });
        for (const bytes of [encodeClickEventJson(e), encodeClickEventAvro(e)]) {
          const want = decodeClickEvent(bytes, options);
          const got = decoder.decodeTransient(bytes);
          const label = `${page.length}/${JSON.stringify(country)}/${bytes[0]}`;
          expect([label, got.ok, got.ok ? '' : got.reason]).toEqual([label, want.ok, want.ok ? '' : want.reason]);
          if (got.ok && want.ok) {
            expect([label, got.page, got.country, windowKeyOf(got)]).toEqual([label, page, country, `${page}${SEP}${country}`]);
          }
        }
      }
    }
    expect(clickWindowKeys.epoch).toBe(epoch);
  });
});
