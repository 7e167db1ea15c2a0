export type { ClickEvent } from './click-event/click-event';
export { CLICK_EVENT_FIELDS } from './click-event/click-event';
export type { Device } from './click-event/device';
export { DEVICES, isDevice } from './click-event/device';

export type { ClickEventRejection, RejectionReason } from './validation/rejection';
export { REJECTION_REASONS } from './validation/rejection';
export type { ClickEventValidationOptions } from './validation/validation-options';
export { DEFAULT_VALIDATION_LIMITS } from './validation/validation-options';
export type { ClickEventValidationResult } from './validation/validate-click-event';
export { validateClickEvent } from './validation/validate-click-event';

export type { WireFormat } from './wire/wire-format';
export type {
  DecodeClickEventOptions,
  DecodeClickEventResult,
  DecodedClickEvent,
} from './wire/decode-click-event-result';
export { decodeClickEvent } from './wire/decode-click-event';
export { ClickEventDecoder } from './wire/click-event-decoder';
export { InterningClickEventDecoder } from './wire/interning-click-event-decoder';
export { JsonClickEventSpans } from './wire/json-click-event-spans';
export { AvroClickEventSpans } from './wire/avro-click-event-spans';
export { InternedClickEvent } from './interning/interned-click-event';
export type { PairKeyInterner } from './interning/pair-key-interner';
export type { UserIdInterner, UserIdInterners } from './interning/user-id-interner';
export { encodeClickEventAvro } from './wire/encode-click-event-avro';
export { encodeClickEventJson } from './wire/encode-click-event-json';
export { ClickEventEncodeError } from './wire/click-event-encode-error';
export { AVRO_FRAME_HEADER_BYTES, AVRO_MAGIC_BYTE } from './wire/avro-frame';

export type { ClickEventSchemaVersion } from './schema/click-event-schema-version';
export type { SchemaVersionReader } from './schema/click-event-schema-registry';
export { ClickEventSchemaRegistry } from './schema/click-event-schema-registry';
export { CLICK_EVENT_SCHEMA_HISTORY } from './schema/click-event-schema-history';
export { clickEventSchemaRegistry } from './schema/production-registry';
export { IncompatibleSchemaError, InvalidSchemaHistoryError, UnknownSchemaVersionError } from './schema/schema-errors';
export { assertBackwardCompatible } from './compatibility/assert-backward-compatible';
export type { TextContentProblem } from './text/text-content';
export { isUtf8Range, textContentProblem } from './text/text-content';
