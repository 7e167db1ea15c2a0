import { AsciiPairKeyIndex, IdDictionary, UniqueIds } from '@clickstream/window-engine';
import fc from 'fast-check';
import type { PaneRow } from './output-rows';
import { PageMinuteAggBlock, type PaneUserIds } from './page-minute-agg-block';

/** What the client's JSONCompactEachRow insert sends for the row: the contract the block keeps. */
function clientLine(row: PaneRow, topic: string, partition: number): string {
  const values = [row.windowStart, row.windowEnd, row.page, row.country, topic, partition, row.pane, row.clicks, row.userIds.length, row.userIds];
  return `${JSON.stringify(values)}\n`;
}

/** An id array as the in-place view the block reads (what PaneUsers and a compacted UniqueIds give). */
const inPlace = (refs: readonly number[]): PaneUserIds => ({ distinctAt: (i) => refs[i] as number });

const text = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // any code point: non-ASCII, controls, lone surrogates
  fc.constantFrom('', '"', '\\', '\u0000', '\u007f', 'é', '/a"b\\c', '\ud800'),
);
const integer = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1.5, 2 ** 60));
const rowArb: fc.Arbitrary<PaneRow> = fc.record({
  windowStart: integer,
  windowEnd: integer,
  page: text,
  country: text,
  pane: fc.nat(1_000),
  clicks: integer,
  // Distinct, as a pane's are (the dictionary would merge repeats).
  userIds: fc.uniqueArray(text, { maxLength: 12 }),
});

describe('PageMinuteAggBlock', () => {
  it('writes a row from page and country strings (a pair\'s parts) as JSON.stringify of its values, mixed with key rows', () => {
    // ASCII parts as the index takes them (1 to 255 bytes), quotes, backslashes and controls included.
    const part = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 255 }),
      fc.constantFrom('"', '\\', '\u0000', '/a"b\\c', 'x'.repeat(255), 'DE'),
    );
    const pairRow = fc.record({ windowStart: integer, windowEnd: integer, page: part, country: part, pane: fc.nat(1_000), clicks: integer, userIds: fc.uniqueArray(text, { maxLength: 5 }), byPair: fc.boolean() });
    fc.assert(
      fc.property(fc.array(pairRow, { maxLength: 20 }), fc.nat(600), (rows, capacity) => {
        const block = new PageMinuteAggBlock('web.clicks', 3, capacity);
        const pairs = new AsciiPairKeyIndex('\u0001');
        const dictionary = new IdDictionary();
        for (const row of rows) {
          const refs = row.userIds.map((id) => dictionary.idOf(id));
          if (row.byPair) {
            const bytes = Buffer.from(row.page + row.country, 'latin1');
            const ref = pairs.refOfBytes(bytes, 0, row.page.length, row.page.length, bytes.length);
            block.appendPageCountry(row.windowStart, row.windowEnd, pairs.first(ref), pairs.second(ref), row.pane, row.clicks, dictionary, refs.length, inPlace(refs));
          } else {
            block.appendSplitKey(row.windowStart, row.windowEnd, `${row.page}\u0001${row.country}`, row.page.length, row.pane, row.clicks, dictionary, refs.length, inPlace(refs));
          }
        }
        const expected = rows.map((row) => clientLine(row, 'web.clicks', 3)).join('');
        expect(block.bytesOf(0, rows.length).toString('utf8')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('writes each row exactly as JSON.stringify of its values, and reads it back', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 20 }), text, fc.nat(1_000), fc.nat(3_000), (rows, topic, partition, capacity) => {
        const block = new PageMinuteAggBlock(topic, partition, capacity);
        // Ids interned in a dictionary, from strings or from their UTF-8 bytes (the aggregator's way;
        // a lone surrogate has no UTF-8, so it comes as a string): ASCII ids are copied from their
        // bytes, others written from their strings.
        const dictionary = new IdDictionary();
        const intern = (id: string, byBytes: boolean): number => {
          const bytes = Buffer.from(id, 'utf8');
          return byBytes && bytes.toString('utf8') === id ? dictionary.idOfBytes(bytes, 0, bytes.length) : dictionary.idOf(id);
        };
        rows.forEach((row, i) => {
          const key = `${row.page}\u0001${row.country}`;
          const refs = row.userIds.map((id) => intern(id, i % 2 === 1));
          block.appendSplitKey(row.windowStart, row.windowEnd, key, row.page.length, row.pane, row.clicks, dictionary, refs.length, inPlace(refs));
        });
        const expected = rows.map((row) => clientLine(row, topic, partition));
        expect(block.rowCount).toBe(rows.length);
        expect(block.bytesOf(0, rows.length).toString('utf8')).toBe(expected.join(''));
        rows.forEach((row, i) => {
          expect(block.bytesOf(i, i + 1).toString('utf8')).toBe(expected[i]);
          expect(block.rowAt(i)).toEqual(JSON.parse(JSON.stringify(row)));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('grows past its initial capacity without losing earlier rows', () => {
    const block = new PageMinuteAggBlock('web.clicks', 3, 0);
    const ids = Array.from({ length: 5_000 }, (_, i) => `user-${i}${'x'.repeat(i % 120)}`);
    const dictionary = new IdDictionary();
    const refs = ids.map((id) => dictionary.idOf(id));
    const rows: PaneRow[] = Array.from({ length: 40 }, (_, i) => ({ windowStart: i * 60_000, windowEnd: (i + 1) * 60_000, page: `/p${i}`, country: 'FR', pane: 0, clicks: i, userIds: ids }));
    // Ids copied from the dictionary's bytes, with the buffer growing inside a row.
    for (const row of rows) block.appendSplitKey(row.windowStart, row.windowEnd, `${row.page}\u0001FR`, row.page.length, 0, row.clicks, dictionary, refs.length, inPlace(refs));
    expect(block.byteLength).toBeGreaterThan(64 * 1024);
    expect(block.bytesOf(0, rows.length).toString('utf8')).toBe(rows.map((r) => clientLine(r, 'web.clicks', 3)).join(''));
  });

  it('is empty when nothing was appended', () => {
    const block = new PageMinuteAggBlock('web.clicks', 0);
    expect(block.rowCount).toBe(0);
    expect(block.bytesOf(0, 0).length).toBe(0);
  });

  it('writes an accumulator read in place once compacted: interned ids with repeats not yet dropped, and a single id', () => {
    const d = new IdDictionary();
    const users = new UniqueIds(d);
    const names = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    // Ten distinct ids and three repeats: compaction ran at 8 entries, so 5 entries (2 new, 3 repeats) wait past `unique`.
    for (const id of [...names, 'user-0', 'user-9', 'user-3']) users.add(id);
    expect(users.unique).toBeLessThan(names.length);
    users.compact();
    const single = new UniqueIds(d);
    single.add('solo');
    single.compact();
    const block = new PageMinuteAggBlock('t', 3, 0);
    block.appendSplitKey(5, 6, '/a\u0001FR', 2, 1, 13, d, users.unique, users);
    block.appendSplitKey(5, 6, '/b\u0001DE', 2, 0, 1, d, single.unique, single);
    expect(block.bytesOf(0, 2).toString('utf8')).toBe(
      `${JSON.stringify([5, 6, '/a', 'FR', 't', 3, 1, 13, 10, names])}\n${JSON.stringify([5, 6, '/b', 'DE', 't', 3, 0, 1, 1, ['solo']])}\n`,
    );
  });

  it('writes users a key holds as bytes (quote, backslash, controls, 128 bytes) as JSON.stringify does, after the held arena grew', () => {
    const ids = ['a', 'b"q', 'c\\d', '\u0000x', '\u007f', 'x'.repeat(128), 'plain-user'];
    const d = new IdDictionary();
    const users = new UniqueIds(d);
    for (const id of ids) {
      const message = Buffer.from(`..${id}..`, 'latin1');
      users.addBytes(message, 2, 2 + id.length);
    }
    // Grow the held arena past its first buffer after the users were held.
    for (let i = 0; i < 2000; i++) new UniqueIds(d).addBytes(Buffer.from(`filler-${i}-${'f'.repeat(90)}`), 0, 100);
    expect(d.heldBytes).toBeGreaterThan(1 << 16);
    const refs = users.distinct();
    expect(refs.every((ref) => ref < -1)).toBe(true); // held, not interned
    const block = new PageMinuteAggBlock('t', 0, 0);
    block.appendSplitKey(1, 2, '/p\u0001US', 2, 0, 7, d, refs.length, inPlace(refs));
    // The accumulator itself, read in place (as the aggregator's pane collector writes it).
    users.compact();
    block.appendSplitKey(1, 2, '/p\u0001US', 2, 0, 7, d, users.unique, users);
    const line = `${JSON.stringify([1, 2, '/p', 'US', 't', 0, 0, 7, ids.length, ids])}\n`;
    expect(block.bytesOf(0, 1).toString('utf8')).toBe(line);
    expect(block.bytesOf(1, 2).toString('utf8')).toBe(line);
  });
});
