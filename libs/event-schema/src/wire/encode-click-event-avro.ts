import type { Type } from 'avsc';
import type { ClickEvent } from '../click-event/click-event';
import type { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { writeAvroFrame } from './avro-frame';
import { ClickEventEncodeError } from './click-event-encode-error';

/**
 * Encodes `event` as an Avro frame (Confluent framing) with the given schema version, latest by
 * default. Does not apply the validation rules, so tests can ship invalid values to consumers;
 * throws `UnknownSchemaVersionError` or `ClickEventEncodeError` when the event does not fit.
 */
export function encodeClickEventAvro(
  event: ClickEvent,
  schemaVersion?: number,
  registry: ClickEventSchemaRegistry = clickEventSchemaRegistry,
): Buffer {
  const version = schemaVersion ?? registry.latestVersion;
  const writerType = registry.writerTypeFor(version);
  try {
    return writeAvroFrame(version, writerType, event);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ClickEventEncodeError(version, firstInvalidField(writerType, event), reason, { cause: error });
  }
}

/** Only on the error path: asks avsc which field failed, since its thrown message omits it. */
function firstInvalidField(type: Type, event: unknown): string | undefined {
  let field: string | undefined;
  type.isValid(event, {
    errorHook: (path) => {
      field ??= path.join('.');
    },
  });
  return field;
}
