/** The schema history itself is malformed (gaps in versions, unparsable schema). */
export class InvalidSchemaHistoryError extends Error {
  override readonly name = 'InvalidSchemaHistoryError';

  constructor(
    message: string,
    readonly version: number | undefined,
    options?: ErrorOptions,
  ) {
    super(version === undefined ? message : `schema version ${version}: ${message}`, options);
  }
}

/** The reader (latest) schema cannot read data written with an earlier version. */
export class IncompatibleSchemaError extends Error {
  override readonly name = 'IncompatibleSchemaError';

  constructor(
    readonly writerVersion: number,
    readonly readerVersion: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`reader v${readerVersion} cannot read data written with v${writerVersion}: ${reason}`, options);
  }
}

/** A caller asked to encode with a version the registry does not hold. */
export class UnknownSchemaVersionError extends Error {
  override readonly name = 'UnknownSchemaVersionError';

  constructor(
    readonly version: number,
    readonly knownVersions: readonly number[],
  ) {
    super(`unknown click event schema version ${version}; known: ${knownVersions.join(', ')}`);
  }
}
