import type { Schema } from 'avsc';
import { CLICK_EVENT_SCHEMA_HISTORY } from './click-event-schema-history';
import { ClickEventSchemaRegistry } from './click-event-schema-registry';
import type { ClickEventSchemaVersion } from './click-event-schema-version';
import { clickEventSchemaRegistry } from './production-registry';
import { IncompatibleSchemaError, InvalidSchemaHistoryError, UnknownSchemaVersionError } from './schema-errors';

const latest = CLICK_EVENT_SCHEMA_HISTORY[CLICK_EVENT_SCHEMA_HISTORY.length - 1] as ClickEventSchemaVersion;

function nextVersion(schema: Schema): ClickEventSchemaVersion {
  return { version: latest.version + 1, schema, change: 'test', example: latest.example };
}

function withField(field: Record<string, unknown>): Schema {
  const record = latest.schema as { fields: unknown[] };
  return { ...record, fields: [...record.fields, field] } as Schema;
}

describe('ClickEventSchemaRegistry', () => {
  it('holds versions 1..3 with the latest as the reader schema', () => {
    expect(clickEventSchemaRegistry.versions).toEqual([1, 2, 3]);
    expect(clickEventSchemaRegistry.latestVersion).toBe(3);
    expect(clickEventSchemaRegistry.readerType.name).toBe('clickstream.ClickEvent');
  });

  it('precomputes a resolver for every earlier version and none for the latest', () => {
    expect(clickEventSchemaRegistry.readerFor(1)?.resolver).toBeDefined();
    expect(clickEventSchemaRegistry.readerFor(2)?.resolver).toBeDefined();
    expect(clickEventSchemaRegistry.readerFor(3)).toMatchObject({ version: 3, resolver: undefined });
    expect(clickEventSchemaRegistry.readerFor(1)).toBe(clickEventSchemaRegistry.readerFor(1));
  });

  it.each([0, 4, 2 ** 32 - 1])('has no reader for schema id %d', (id) => {
    expect(clickEventSchemaRegistry.readerFor(id)).toBeUndefined();
  });

  it('refuses writer types for unknown versions with a typed error', () => {
    expect(() => clickEventSchemaRegistry.writerTypeFor(4)).toThrow(UnknownSchemaVersionError);
    expect(() => clickEventSchemaRegistry.writerTypeFor(1.5)).toThrow(UnknownSchemaVersionError);
  });

  it('refuses an empty history', () => {
    expect(() => new ClickEventSchemaRegistry([])).toThrow(InvalidSchemaHistoryError);
  });

  it('refuses a history with a gap in its versions, naming the version', () => {
    const [v1, , v3] = CLICK_EVENT_SCHEMA_HISTORY;
    if (v1 === undefined || v3 === undefined) throw new Error('history shrank below three versions');
    expect(() => new ClickEventSchemaRegistry([v1, v3])).toThrow('schema version 3: expected version 2 at position 1');
  });

  it('refuses an unparsable schema', () => {
    const typo = { type: 'record', name: 'ClickEvent', fields: [{ name: 'x', type: 'strnig' }] };
    const broken = nextVersion(typo as Schema);
    expect(() => new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, broken])).toThrow(
      InvalidSchemaHistoryError,
    );
  });

  it('refuses a new version that adds a field without a default (old data cannot be read)', () => {
    const v4 = nextVersion(withField({ name: 'campaign', type: 'string' }));
    let caught: unknown;
    try {
      new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, v4]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IncompatibleSchemaError);
    expect(caught).toMatchObject({ writerVersion: 1, readerVersion: 4 });
    expect(String(caught)).toContain('campaign');
  });

  it('refuses a new version that drops an enum symbol older data used', () => {
    const record = latest.schema as { fields: { name: string }[] };
    const fields = record.fields.map((field) =>
      field.name === 'device'
        ? {
            name: 'device',
            type: { type: 'enum', name: 'Device', symbols: ['desktop', 'mobile', 'tablet'] },
            default: 'desktop',
          }
        : field,
    );
    const v4 = nextVersion({ ...record, fields } as Schema);
    expect(() => new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, v4])).toThrow(IncompatibleSchemaError);
  });
});

describe('ClickEventSchemaRegistry reader shape', () => {
  const fields = (latest.schema as { fields: { name: string }[] }).fields;
  const replaced = (name: string, field: Record<string, unknown> | undefined): Schema =>
    ({
      ...(latest.schema as object),
      fields: fields.flatMap((f) => (f.name === name ? (field ? [field] : []) : [f])),
    }) as Schema;

  it('refuses a reader schema that lacks a ClickEvent field', () => {
    const v4 = nextVersion(replaced('referrer', undefined));
    expect(() => new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, v4])).toThrow(
      'schema version 4: reader schema lacks the referrer field',
    );
  });

  it('refuses a reader field whose Avro type would not decode to the TypeScript type', () => {
    const v4 = nextVersion(replaced('ts', { name: 'ts', type: 'double' }));
    expect(() => new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, v4])).toThrow(
      'reader field ts is Avro double; the engine needs long',
    );
  });
});
