/** Base class so callers can tell schema problems from connection problems with one instanceof. */
export class SchemaBootstrapError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A file in the migrations folder whose name or content breaks the NNNN_name.sql convention. */
export class InvalidMigrationFileError extends SchemaBootstrapError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`invalid migration file ${file}: ${reason}`);
  }
}

/**
 * An applied migration's file changed after it was applied. Applied migrations are history: write a
 * new migration instead of editing an old one (the database would never see the edit).
 */
export class MigrationChecksumMismatchError extends SchemaBootstrapError {
  constructor(
    readonly database: string,
    readonly version: number,
    readonly file: string,
    readonly appliedChecksum: string,
    readonly fileChecksum: string,
  ) {
    super(
      `migration ${file} (version ${version}) was applied to database "${database}" with checksum ` +
        `${appliedChecksum.slice(0, 12)}… but the file now has ${fileChecksum.slice(0, 12)}…; ` +
        'applied migrations must not change: add a new migration instead',
    );
  }
}

/** A statement of a migration failed; nothing of this version was recorded, so a rerun retries it whole. */
export class MigrationFailedError extends SchemaBootstrapError {
  constructor(
    readonly database: string,
    readonly file: string,
    readonly statementIndex: number,
    readonly statement: string,
    cause: unknown,
  ) {
    const firstLine = statement.split('\n').find((l) => l.trim() && !l.trim().startsWith('--')) ?? statement;
    super(
      `migration ${file} failed on statement ${statementIndex + 1} (${firstLine.trim().slice(0, 80)}) ` +
        `in database "${database}": ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** An existing topic has fewer partitions than the spec asks for (see ensureTopics' onFewerPartitions). */
export class TopicPartitionCountError extends SchemaBootstrapError {
  constructor(
    readonly topic: string,
    readonly existingPartitions: number,
    readonly wantedPartitions: number,
  ) {
    super(
      `topic "${topic}" exists with ${existingPartitions} partitions but ${wantedPartitions} are wanted; ` +
        'partitions are not added silently because that remaps keys to partitions ' +
        '(pass onFewerPartitions: "increase" to add them, or recreate the topic)',
    );
  }
}
