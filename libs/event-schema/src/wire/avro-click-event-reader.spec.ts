import fc from 'fast-check';
import type { ClickEvent } from '../click-event/click-event';
import { CLICK_EVENT_SCHEMA_HISTORY } from '../schema/click-event-schema-history';
import { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { aClickEvent } from '../testing/a-click-event';
import { clickEventArbitrary } from '../testing/click-event-arbitrary';
import { AVRO_FRAME_HEADER_BYTES } from './avro-frame';
import { AvroClickEventReader } from './avro-click-event-reader';
import { encodeClickEventAvro } from './encode-click-event-avro';

const reader = AvroClickEventReader.forReaderType(clickEventSchemaRegistry.readerType) as AvroClickEventReader;
const avsc = (frame: Buffer) => clickEventSchemaRegistry.readerType.decode(frame, AVRO_FRAME_HEADER_BYTES);

describe('AvroClickEventReader', () => {
  it('is built for the production reader schema', () => {
    expect(reader).toBeInstanceOf(AvroClickEventReader);
  });

  it('is not built for a reader schema of another layout', () => {
    const v2 = new ClickEventSchemaRegistry(CLICK_EVENT_SCHEMA_HISTORY.slice(0, 2));
    expect(AvroClickEventReader.forReaderType(v2.readerType)).toBeUndefined();
  });

  it('decodes exactly what avsc decodes, as avsc record objects (property)', () => {
    fc.assert(
      fc.property(clickEventArbitrary(), (event: ClickEvent) => {
        const frame = encodeClickEventAvro(event);
        const fast = reader.read(frame, AVRO_FRAME_HEADER_BYTES);
        const expected = avsc(frame);
        expect(expected.offset).toBe(frame.length);
        // A string holding U+FFFD may be a repaired byte: the reader gives way to avsc (by design).
        const text = [event.user_id, event.page, event.referrer, event.country];
        if (fast === undefined && text.some((t) => t.includes('\ufffd'))) return;
        expect(fast).toStrictEqual(expected.value);
        expect(Object.getPrototypeOf(fast)).toBe(Object.getPrototypeOf(expected.value));
      }),
    );
  });

  it('decodes non-ASCII text, extreme timestamps and every device', () => {
    for (const event of [
      aClickEvent({ page: '/été/日本', referrer: 'https://例え.jp/', user_id: 'üser', device: 'tablet' }),
      aClickEvent({ ts: 0, device: 'bot' }),
      aClickEvent({ ts: -1, device: 'mobile' }),
      aClickEvent({ ts: Number.MAX_SAFE_INTEGER - 1, device: 'desktop' }),
    ]) {
      const frame = encodeClickEventAvro(event);
      expect(reader.read(frame, AVRO_FRAME_HEADER_BYTES)).toStrictEqual(avsc(frame).value);
    }
  });

  it('leaves every malformed body to avsc', () => {
    const frame = encodeClickEventAvro(aClickEvent());
    expect(reader.read(frame.subarray(0, frame.length - 1), AVRO_FRAME_HEADER_BYTES)).toBeUndefined();
    expect(reader.read(Buffer.concat([frame, Buffer.from([0])]), AVRO_FRAME_HEADER_BYTES)).toBeUndefined();
    const badEnum = Buffer.from(frame);
    badEnum[badEnum.length - 1] = 0x0e; // zig-zag 7: no such device
    expect(reader.read(badEnum, AVRO_FRAME_HEADER_BYTES)).toBeUndefined();
    const negativeLength = Buffer.from(frame);
    negativeLength[AVRO_FRAME_HEADER_BYTES] = 0x01; // zig-zag -1
    expect(reader.read(negativeLength, AVRO_FRAME_HEADER_BYTES)).toBeUndefined();
  });

  it('never disagrees with avsc on corrupted frames (property)', () => {
    const frames = [aClickEvent(), aClickEvent({ referrer: '', device: 'bot' })].map((e) => encodeClickEventAvro(e));
    fc.assert(
      fc.property(fc.constantFrom(...frames), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(8), (frame, edits, cut) => {
        const corrupt = Buffer.from(frame.subarray(0, Math.max(AVRO_FRAME_HEADER_BYTES, frame.length - cut)));
        for (const [at, byte] of edits) corrupt[AVRO_FRAME_HEADER_BYTES + (at % (corrupt.length - AVRO_FRAME_HEADER_BYTES || 1))] = byte;
        const fast = reader.read(corrupt, AVRO_FRAME_HEADER_BYTES);
        if (fast === undefined) return;
        const expected = avsc(corrupt);
        expect(expected.offset).toBe(corrupt.length);
        expect(fast).toStrictEqual(expected.value);
      }),
      { numRuns: 2000 },
    );
  });
});
