import type { ClickEvent } from '../click-event/click-event';
import type { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import type { ClickEventRejection } from '../validation/rejection';
import type { ClickEventValidationOptions } from '../validation/validation-options';

export type DecodedClickEvent =
  | { readonly ok: true; readonly event: ClickEvent; readonly format: 'avro'; readonly schemaVersion: number }
  | { readonly ok: true; readonly event: ClickEvent; readonly format: 'json'; readonly schemaVersion: null };

export type DecodeClickEventResult = DecodedClickEvent | ClickEventRejection;

export interface DecodeClickEventOptions extends ClickEventValidationOptions {
  /** Defaults to the production registry; tests pass one with future versions. */
  readonly registry?: ClickEventSchemaRegistry;
}
