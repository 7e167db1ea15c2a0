import type { Schema } from 'avsc';

/** One entry of the schema history. The version doubles as the schema id on the wire. */
export interface ClickEventSchemaVersion {
  readonly version: number;
  readonly schema: Schema;
  /** What changed relative to the previous version, and why. */
  readonly change: string;
  /** A realistic record in this version's shape; the compatibility check replays it. */
  readonly example: Readonly<Record<string, unknown>>;
}
