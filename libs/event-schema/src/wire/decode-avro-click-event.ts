import type { ClickEvent } from '../click-event/click-event';
import type { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import { checkClickEventDraft } from '../validation/check-click-event-draft';
import type { ClickEventDraft } from '../validation/click-event-draft';
import { truncateText } from '../validation/describe-seen-value';
import { rejection } from '../validation/rejection';
import type { ClickEventValidationOptions } from '../validation/validation-options';
import { AVRO_FRAME_HEADER_BYTES } from './avro-frame';
import { AvroClickEventReader } from './avro-click-event-reader';
import type { DecodeClickEventResult } from './decode-click-event-result';
import { findMalformedAvroString } from './find-malformed-avro-string';

/** Decodes and validates a frame whose first byte is the Avro magic byte. Never throws. */
export function decodeAvroClickEvent(
  bytes: Buffer,
  registry: ClickEventSchemaRegistry,
  options: ClickEventValidationOptions | undefined,
): DecodeClickEventResult {
  if (bytes.length < AVRO_FRAME_HEADER_BYTES) {
    const detail = `frame of ${bytes.length} bytes is shorter than the ${AVRO_FRAME_HEADER_BYTES}-byte header`;
    return rejection('avro_decode_error', detail, 'avro');
  }
  const schemaId = bytes.readUInt32BE(1);
  const reader = registry.readerFor(schemaId);
  if (reader === undefined) {
    const detail = `schema id ${schemaId} is not a known version (1..${registry.latestVersion})`;
    return rejection('unknown_schema_id', detail, 'avro');
  }

  if (reader.resolver === undefined) {
    // Production version: the hand-written reader, which defers to avsc below on anything unusual.
    const fast = fastReaderFor(registry)?.read(bytes, AVRO_FRAME_HEADER_BYTES);
    if (fast !== undefined) {
      return checkClickEventDraft(fast, options, 'avro') ?? { ok: true, event: fast as ClickEvent, format: 'avro', schemaVersion: reader.version };
    }
  }

  let decoded: { value: unknown; offset: number };
  try {
    decoded = registry.readerType.decode(bytes, AVRO_FRAME_HEADER_BYTES, reader.resolver);
  } catch (error) {
    // avsc throws on some corrupt bodies (bad enum index, unsafe long); others just run short.
    const reason = truncateText(error instanceof Error ? error.message : String(error));
    return rejection('avro_decode_error', `v${schemaId} body: ${reason}`, 'avro');
  }
  if (decoded.offset < 0) {
    return rejection('avro_decode_error', `v${schemaId} body truncated or has a negative length`, 'avro');
  }
  if (decoded.offset !== bytes.length) {
    const detail = `v${schemaId} body has ${bytes.length - decoded.offset} trailing bytes`;
    return rejection('avro_decode_error', detail, 'avro');
  }

  // The schema guarantees the field types; a fresh record is ours to canonicalise in place.
  const draft = decoded.value as ClickEventDraft;
  if (mayHoldRepair(draft)) {
    const field = findMalformedAvroString(reader.writerType, bytes, AVRO_FRAME_HEADER_BYTES);
    if (field !== undefined) return rejection('invalid_utf8', `${field}: not valid UTF-8`, 'avro');
  }
  return (
    checkClickEventDraft(draft, options, 'avro') ?? {
      ok: true,
      event: draft as ClickEvent,
      format: 'avro',
      schemaVersion: reader.version,
    }
  );
}

// Nearly every call passes the production registry: remember the last one instead of a WeakMap
// lookup per event; other registries (tests) are looked up once and kept weakly.
let lastRegistry: ClickEventSchemaRegistry | undefined;
let lastReader: AvroClickEventReader | undefined;
const readers = new WeakMap<ClickEventSchemaRegistry, AvroClickEventReader | undefined>();

function fastReaderFor(registry: ClickEventSchemaRegistry): AvroClickEventReader | undefined {
  if (registry === lastRegistry) return lastReader;
  let reader: AvroClickEventReader | undefined;
  if (readers.has(registry)) {
    reader = readers.get(registry);
  } else {
    reader = AvroClickEventReader.forReaderType(registry.readerType);
    readers.set(registry, reader);
  }
  lastRegistry = registry;
  lastReader = reader;
  return reader;
}

/** A decoded string holds U+FFFD: a genuine one, or utf8Slice's repair of malformed bytes. */
function mayHoldRepair(d: ClickEventDraft): boolean {
  const r = '\ufffd';
  return d.event_id.includes(r) || d.user_id.includes(r) || d.page.includes(r) || d.referrer.includes(r) || d.country.includes(r);
}
