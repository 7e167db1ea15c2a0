import { type Resolver, Type } from 'avsc';
import { assertReaderShape } from './assert-reader-shape';
import type { ClickEventSchemaVersion } from './click-event-schema-version';
import { IncompatibleSchemaError, InvalidSchemaHistoryError, UnknownSchemaVersionError } from './schema-errors';

/** Everything needed to read one writer version with the reader schema, computed once. */
export interface SchemaVersionReader {
  readonly version: number;
  readonly writerType: Type;
  /** `undefined` for the latest version: writer and reader are the same schema. */
  readonly resolver: Resolver | undefined;
}

/**
 * The click event's schema history. The latest version is the reader schema; every earlier
 * version gets a resolver up front, so decoding never builds one on the hot path. A history the
 * reader cannot read is refused at construction with `IncompatibleSchemaError`, and a reader
 * schema that would not yield ClickEvent-typed fields with `InvalidSchemaHistoryError`.
 */
export class ClickEventSchemaRegistry {
  readonly latestVersion: number;
  readonly readerType: Type;
  readonly history: readonly ClickEventSchemaVersion[];
  /** Indexed by version (index 0 unused) so a wire schema id is one array load. */
  private readonly readers: readonly (SchemaVersionReader | undefined)[];

  constructor(history: readonly ClickEventSchemaVersion[]) {
    if (history.length === 0) throw new InvalidSchemaHistoryError('history is empty', undefined);
    history.forEach((entry, index) => {
      if (entry.version !== index + 1) {
        throw new InvalidSchemaHistoryError(`expected version ${index + 1} at position ${index}`, entry.version);
      }
    });
    const types = history.map((entry) => parseSchema(entry));
    const readerType = types[types.length - 1] as Type;
    assertReaderShape(readerType, history.length);
    this.history = history;
    this.latestVersion = history.length;
    this.readerType = readerType;
    this.readers = [undefined, ...types.map((writerType, index) => this.buildReader(writerType, index + 1))];
  }

  get versions(): readonly number[] {
    return this.history.map((entry) => entry.version);
  }

  /** The reader for a wire schema id, or `undefined` when the id is not a known version. */
  readerFor(schemaId: number): SchemaVersionReader | undefined {
    return this.readers[schemaId];
  }

  writerTypeFor(version: number): Type {
    const reader = Number.isInteger(version) ? this.readers[version] : undefined;
    if (reader === undefined) throw new UnknownSchemaVersionError(version, this.versions);
    return reader.writerType;
  }

  private buildReader(writerType: Type, version: number): SchemaVersionReader {
    if (version === this.latestVersion) return { version, writerType, resolver: undefined };
    try {
      return { version, writerType, resolver: this.readerType.createResolver(writerType) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new IncompatibleSchemaError(version, this.latestVersion, reason, { cause: error });
    }
  }
}

function parseSchema(entry: ClickEventSchemaVersion): Type {
  try {
    // Plain record objects (no avsc helper methods on the prototype): they are handed to the
    // engine as ClickEvents and should carry nothing but the fields.
    return Type.forSchema(entry.schema, { omitRecordMethods: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidSchemaHistoryError(`unparsable schema: ${reason}`, entry.version, { cause: error });
  }
}
