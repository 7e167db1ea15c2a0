import type { ClickEvent } from '../click-event/click-event';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { UnknownSchemaVersionError } from '../schema/schema-errors';
import { aClickEvent } from '../testing/a-click-event';
import { ClickEventEncodeError } from './click-event-encode-error';
import { encodeClickEventAvro } from './encode-click-event-avro';

describe('encodeClickEventAvro', () => {
  it('frames the body with magic byte 0 and the big-endian latest version', () => {
    const frame = encodeClickEventAvro(aClickEvent());
    expect(frame[0]).toBe(0);
    expect(frame.readUInt32BE(1)).toBe(clickEventSchemaRegistry.latestVersion);
    expect(frame.readUInt32BE(1)).toBe(3);
  });

  it('writes the body avsc would write for the reader schema', () => {
    const event = aClickEvent();
    const frame = encodeClickEventAvro(event);
    expect(frame.subarray(5)).toEqual(clickEventSchemaRegistry.readerType.toBuffer(event));
  });

  it('refuses to write a current event as v2: v2 requires session_id, which current events lack', () => {
    expect(() => encodeClickEventAvro(aClickEvent(), 2)).toThrow(ClickEventEncodeError);
  });

  it('returns independent buffers (the scratch buffer is not shared with callers)', () => {
    const first = encodeClickEventAvro(aClickEvent({ page: '/a' }));
    const copy = Buffer.from(first);
    encodeClickEventAvro(aClickEvent({ page: '/b' }));
    expect(first).toEqual(copy);
  });

  it('grows beyond its initial scratch size for a large event', () => {
    const page = `/${'p'.repeat(10_000)}`;
    const frame = encodeClickEventAvro(aClickEvent({ page }));
    expect(frame.length).toBeGreaterThan(10_000);
    expect(frame.includes(Buffer.from(page))).toBe(true);
  });

  it('throws UnknownSchemaVersionError for a version the registry does not hold', () => {
    expect(() => encodeClickEventAvro(aClickEvent(), 9)).toThrow(UnknownSchemaVersionError);
    expect(() => encodeClickEventAvro(aClickEvent(), 0)).toThrow(
      'unknown click event schema version 0; known: 1, 2, 3',
    );
  });

  it('throws ClickEventEncodeError naming the field that does not fit the schema', () => {
    const event = { ...aClickEvent(), ts: 1.5 } as ClickEvent;
    let caught: unknown;
    try {
      encodeClickEventAvro(event);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ClickEventEncodeError);
    expect(caught).toMatchObject({ schemaVersion: 3, field: 'ts' });
  });

  it('names an unknown device as the failing field', () => {
    const event = { ...aClickEvent(), device: 'smartwatch' } as unknown as ClickEvent;
    expect(() => encodeClickEventAvro(event)).toThrow(/field device/);
  });
});
