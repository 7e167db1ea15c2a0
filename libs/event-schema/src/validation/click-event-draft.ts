/**
 * A click event whose fields already have the right JavaScript types (guaranteed by the Avro
 * schema, or checked by `validateClickEvent`) but whose values are not yet checked against the
 * rules. Mutable so the checks can store canonical forms without copying the object.
 */
export interface ClickEventDraft {
  event_id: string;
  user_id: string;
  ts: number;
  page: string;
  referrer: string;
  country: string;
  device: string;
}
