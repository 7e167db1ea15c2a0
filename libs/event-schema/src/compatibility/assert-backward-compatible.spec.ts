import type { Schema } from 'avsc';
import { CLICK_EVENT_SCHEMA_HISTORY } from '../schema/click-event-schema-history';
import { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import type { ClickEventSchemaVersion } from '../schema/click-event-schema-version';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { IncompatibleSchemaError } from '../schema/schema-errors';
import { assertBackwardCompatible } from './assert-backward-compatible';

const latest = CLICK_EVENT_SCHEMA_HISTORY[CLICK_EVENT_SCHEMA_HISTORY.length - 1] as ClickEventSchemaVersion;
type FieldSchema = { name: string; type: unknown; default?: unknown };
const latestFields = (latest.schema as { fields: FieldSchema[] }).fields;

function registryWithV4(
  replace: (field: FieldSchema) => FieldSchema,
  example: Readonly<Record<string, unknown>> = latest.example,
): ClickEventSchemaRegistry {
  const v4: ClickEventSchemaVersion = {
    version: 4,
    change: 'hypothetical',
    schema: { ...(latest.schema as object), fields: latestFields.map(replace) } as Schema,
    example,
  };
  return new ClickEventSchemaRegistry([...CLICK_EVENT_SCHEMA_HISTORY, v4]);
}

function deviceEnum(symbols: string[], enumDefault?: string): FieldSchema {
  return {
    name: 'device',
    type: { type: 'enum', name: 'Device', symbols, ...(enumDefault ? { default: enumDefault } : {}) },
    default: 'desktop',
  };
}

describe('assertBackwardCompatible', () => {
  // The CI gate: a schema change that breaks reading any earlier version fails here.
  it('passes for the production registry', () => {
    expect(() => assertBackwardCompatible(clickEventSchemaRegistry)).not.toThrow();
  });

  it('passes for a future version that only adds a symbol', () => {
    const withTv = deviceEnum(['desktop', 'mobile', 'tablet', 'bot', 'tv']);
    const registry = registryWithV4((f) => (f.name === 'device' ? withTv : f));
    expect(() => assertBackwardCompatible(registry)).not.toThrow();
  });

  it('fails when an enum symbol would be silently remapped to the enum default', () => {
    // Avro accepts this (the reader enum has a default); v2/v3 'bot' clicks would read as desktop.
    const withoutBot = deviceEnum(['desktop', 'mobile', 'tablet'], 'desktop');
    const registry = registryWithV4((f) => (f.name === 'device' ? withoutBot : f));
    expect(() => assertBackwardCompatible(registry)).toThrow(IncompatibleSchemaError);
    expect(() => assertBackwardCompatible(registry)).toThrow(
      'reader v4 cannot read data written with v2: device symbols bot would be read as the enum default',
    );
  });

  it('fails when a new default is one the validation rules reject', () => {
    // Avro accepts it; v1 data (no device) would read as 'tv', which is not a known device.
    const registry = registryWithV4((f) =>
      f.name === 'device' ? { ...deviceEnum(['desktop', 'mobile', 'tablet', 'bot', 'tv']), default: 'tv' } : f,
    );
    expect(() => assertBackwardCompatible(registry)).toThrow(/v1: its example is rejected as unknown_device/);
  });

  it('fails when a version example does not fit its own schema', () => {
    const registry = registryWithV4((f) => f, { ...latest.example, ts: 'yesterday' });
    expect(() => assertBackwardCompatible(registry)).toThrow(/v4: its example does not fit its own schema/);
  });
});
