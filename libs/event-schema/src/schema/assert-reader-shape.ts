import { Type, type types } from 'avsc';
import type { ClickEvent } from '../click-event/click-event';
import { CLICK_EVENT_FIELDS } from '../click-event/click-event';
import { InvalidSchemaHistoryError } from './schema-errors';

/** The Avro type each ClickEvent field must decode from, so decoded values have the TS types. */
const REQUIRED_TYPE_NAMES: Readonly<Record<keyof ClickEvent, string>> = {
  event_id: 'string',
  user_id: 'string',
  ts: 'long',
  page: 'string',
  referrer: 'string',
  country: 'string',
  device: 'enum',
};

/**
 * The Avro decoder skips the JavaScript type checks that JSON needs, trusting the reader schema.
 * This makes that trust explicit: a reader schema that would yield anything but ClickEvent-typed
 * fields is refused when the registry is built, not discovered as a crash while decoding.
 */
export function assertReaderShape(readerType: Type, version: number): void {
  if (!Type.isType(readerType, 'record')) {
    throw new InvalidSchemaHistoryError(`reader schema is a ${readerType.typeName}, not a record`, version);
  }
  const record = readerType as types.RecordType;
  for (const name of CLICK_EVENT_FIELDS) {
    const field = record.field(name) as types.Field | undefined;
    if (field === undefined) {
      throw new InvalidSchemaHistoryError(`reader schema lacks the ${name} field`, version);
    }
    const required = REQUIRED_TYPE_NAMES[name];
    if (field.type.typeName !== required) {
      const detail = `reader field ${name} is Avro ${field.type.typeName}; the engine needs ${required}`;
      throw new InvalidSchemaHistoryError(detail, version);
    }
  }
}
