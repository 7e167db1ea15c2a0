export {
  applyMigrations,
  MIGRATIONS_TABLE,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
  type MigrationClient,
  type MigrationSummary,
} from './lib/apply-migrations';
export {
  ensureTopics,
  type EnsureTopicsOptions,
  type EnsureTopicsResult,
  type TopicAdmin,
  type TopicSpec,
} from './lib/ensure-topics';
export { migrationChecksum } from './lib/migration-checksum';
export { orderMigrationFileNames, readMigrationFiles, type MigrationFile } from './lib/migration-files';
export { findMigrationsDir, MIGRATIONS_RELATIVE_DIR } from './lib/migrations-dir';
export {
  InvalidMigrationFileError,
  MigrationChecksumMismatchError,
  MigrationFailedError,
  SchemaBootstrapError,
  TopicPartitionCountError,
} from './lib/schema-bootstrap-errors';
export { splitSqlStatements } from './lib/sql-statements';
