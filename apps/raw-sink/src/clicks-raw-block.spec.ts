import fc from 'fast-check';
import { AvroClickEventSpans, decodeClickEvent, DEVICES, encodeClickEventAvro, encodeClickEventJson, JsonClickEventSpans, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent, clickEventArbitrary } from '@clickstream/event-schema/testing';
import { ClicksRawBlock, type ClicksRawValues } from './clicks-raw-block';

const NOW = Date.UTC(2025, 5, 1);
const values = (e: ClickEvent, partition: number, offset: string): ClicksRawValues => [e.event_id, e.user_id, e.ts, e.page, e.referrer, e.country, e.device, partition, offset];
/** What @clickhouse/client sends for one row in JSONCompactEachRow. */
const clientLine = (row: ClicksRawValues) => `${JSON.stringify(row)}\n`;

/** Printable ASCII that JSON.stringify writes unescaped. */
const asciiText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 120,
});
const asciiEvent = fc.record({
  event_id: fc.uuid().filter((id) => !/^(0{8}|f{8})-/.test(id)),
  user_id: asciiText,
  ts: fc.integer({ min: Date.UTC(2000, 0, 1), max: NOW }),
  page: asciiText,
  referrer: fc.oneof(fc.constant(''), fc.webUrl()),
  country: fc.constantFrom('US', 'DE', 'ZZ'),
  device: fc.constantFrom(...DEVICES),
});
const partition = fc.oneof(fc.nat(9), fc.nat(65_535));
const offset = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String);

describe('ClicksRawBlock', () => {
  it("writes a fast-path row byte for byte as the client's JSON.stringify line of the decoded event (property)", () => {
    const spans = new JsonClickEventSpans();
    fc.assert(
      fc.property(asciiEvent, fc.boolean(), fc.boolean(), partition, offset, (event, upper, nullReferrer, p, o) => {
        const wire = { ...event, event_id: upper ? event.event_id.toUpperCase() : event.event_id, referrer: nullReferrer && event.referrer === '' ? null : event.referrer };
        const bytes = Buffer.from(JSON.stringify(wire));
        expect(spans.read(bytes, NOW)).toBe(true);
        const decoded = decodeClickEvent(bytes, { now: () => NOW });
        if (!decoded.ok) throw new Error(decoded.reason);
        const block = new ClicksRawBlock();
        block.appendSpans(bytes, spans, p, o);
        expect(block.bytesOf(0, 1).toString('utf8')).toBe(clientLine(values(decoded.event, p, o)));
        expect(block.rowAt(0)).toEqual(values(decoded.event, p, o));
      }),
      { numRuns: 1000 },
    );
  });

  it("writes an Avro fast-path row byte for byte as the client's JSON.stringify line of the decoded event (property)", () => {
    const spans = new AvroClickEventSpans();
    fc.assert(
      fc.property(asciiEvent, fc.boolean(), partition, offset, (event, upper, p, o) => {
        const bytes = encodeClickEventAvro({ ...event, event_id: upper ? event.event_id.toUpperCase() : event.event_id });
        expect(spans.read(bytes, NOW)).toBe(true);
        const decoded = decodeClickEvent(bytes, { now: () => NOW });
        if (!decoded.ok) throw new Error(decoded.reason);
        const block = new ClicksRawBlock();
        block.appendAvroSpans(bytes, spans, p, o);
        expect(block.bytesOf(0, 1).toString('utf8')).toBe(clientLine(values(decoded.event, p, o)));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes any decoded event (non-ASCII, surrogate pairs) as the client would (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary(), partition, offset, (event, p, o) => {
        const block = new ClicksRawBlock();
        block.appendEvent(event, p, o);
        expect(block.bytesOf(0, 1).toString('utf8')).toBe(clientLine(values(event, p, o)));
        expect(block.rowAt(0)).toEqual(values(event, p, o));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every row whole across growth, and hands out any row range as one piece of the body', () => {
    const spans = new JsonClickEventSpans();
    const block = new ClicksRawBlock(1);
    const expected: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const event = aClickEvent({ ts: NOW - i, referrer: `https://example.com/${'r'.repeat(i % 300)}`, page: i % 7 === 0 ? '/caf\u00e9' : `/p${i}` });
      const bytes = encodeClickEventJson(event);
      if (spans.read(bytes, NOW)) block.appendSpans(bytes, spans, 3, String(i));
      else block.appendEvent(event, 3, String(i));
      expected.push(clientLine(values(event, 3, String(i))));
    }
    expect(block.byteLength).toBeGreaterThan(64 * 1024 * 4);
    expect(block.rowCount).toBe(3_000);
    expect(block.bytesOf(0, 3_000).toString('utf8')).toBe(expected.join(''));
    expect(block.bytesOf(1_500, 1_501).toString('utf8')).toBe(expected[1_500]);
    expect(block.bytesOf(10, 20).toString('utf8')).toBe(expected.slice(10, 20).join(''));
    expect(block.bytesOf(0, 0).length).toBe(0);
    expect(block.rowAt(2_999)[8]).toBe('2999');
  });
});
