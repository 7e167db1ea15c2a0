import type { Schema } from 'avsc';
import { aClickEvent } from '../testing/a-click-event';
import { writeAvroFrame } from '../wire/avro-frame';
import { decodeClickEvent } from '../wire/decode-click-event';
import { encodeClickEventAvro } from '../wire/encode-click-event-avro';
import { CLICK_EVENT_SCHEMA_HISTORY } from './click-event-schema-history';
import { ClickEventSchemaRegistry } from './click-event-schema-registry';
import type { ClickEventSchemaVersion } from './click-event-schema-version';
import { clickEventSchemaRegistry } from './production-registry';

const registry = clickEventSchemaRegistry;
const writeAs = (version: number, record: unknown): Buffer =>
  writeAvroFrame(version, registry.writerTypeFor(version), record);

describe('schema evolution: the current reader (v3) reads every earlier version', () => {
  const v1Record = {
    event_id: '6a1f3c52-8b0e-4d7a-9f21-0c4e5b7d9a13',
    user_id: 'u-1029',
    session_id: 's-77a1f0',
    ts: Date.UTC(2023, 2, 14, 9, 30),
    page: '/pricing',
    referrer: 'https://www.google.com/',
    country: 'FR',
  };

  it('v1 data (before device was added) reads with the default device, desktop', () => {
    const result = decodeClickEvent(writeAs(1, v1Record));
    expect(result).toMatchObject({ ok: true, format: 'avro', schemaVersion: 1 });
    expect(result.ok && result.event.device).toBe('desktop');
  });

  it('v1 and v2 data (with session_id, since removed) read without it', () => {
    const v2Record = { ...v1Record, device: 'mobile' };
    for (const [version, record] of [
      [1, v1Record],
      [2, v2Record],
    ] as const) {
      const result = decodeClickEvent(writeAs(version, record));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.event).not.toHaveProperty('session_id');
      const { session_id: _dropped, ...expected } = { device: 'desktop', ...record };
      expect(result.event).toEqual(expected);
    }
  });

  it('v2 data keeps the device it was written with', () => {
    const result = decodeClickEvent(writeAs(2, { ...v1Record, device: 'tablet' }));
    expect(result.ok && result.event.device).toBe('tablet');
  });

  it('an older-version frame is not silently read as the latest (the id selects the resolver)', () => {
    const v1Frame = writeAs(1, v1Record);
    const mislabelled = Buffer.from(v1Frame);
    mislabelled.writeUInt32BE(3, 1);
    const result = decodeClickEvent(mislabelled);
    expect(result.ok && result.event.user_id === v1Record.user_id && result.event.ts === v1Record.ts).toBe(false);
  });

  it('a future version adding an optional field with a default keeps reading v1..v3 and reads its own', () => {
    const latest = CLICK_EVENT_SCHEMA_HISTORY[2] as ClickEventSchemaVersion;
    const fields = (latest.schema as { fields: unknown[] }).fields;
    const v4: ClickEventSchemaVersion = {
      version: 4,
      change: 'hypothetical: adds campaign',
      schema: {
        ...(latest.schema as object),
        fields: [...fields, { name: 'campaign', type: ['null', 'string'], default: null }],
      } as Schema,
      example: { ...latest.example, campaign: 'spring-sale' },
    };
    const future = new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, v4]);
    const event = aClickEvent();

    const fromV3 = decodeClickEvent(encodeClickEventAvro(event), { registry: future });
    expect(fromV3).toMatchObject({ ok: true, schemaVersion: 3, event: { ...event, campaign: null } });
    const fromV1 = decodeClickEvent(writeAs(1, v1Record), { registry: future });
    expect(fromV1).toMatchObject({ ok: true, schemaVersion: 1, event: { device: 'desktop', campaign: null } });
    const fromV4 = decodeClickEvent(writeAvroFrame(4, future.writerTypeFor(4), { ...event, campaign: 'x' }), {
      registry: future,
    });
    expect(fromV4).toMatchObject({ ok: true, schemaVersion: 4, event: { campaign: 'x' } });
  });
});
