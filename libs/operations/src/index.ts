export { backupDatabase, type BackupReport, type BackupTarget } from './lib/backup/rt-backup';
export { restoreDatabase, type RestoreReport, type RestoreTarget } from './lib/backup/rt-restore';
export { OperationError } from './lib/operations-error';
export { parseSavepointArgs, runSavepoint, runSavepointAndExit, savepointRequestOrExit, type SavepointRequest } from './lib/savepoint/savepoint-command';
export type { SavepointFile, SavepointPartition, SavepointScope } from './lib/savepoint/savepoint-file';
export { exportSavepoint, importSavepoint, savepointMismatches } from './lib/savepoint/savepoint-store';
