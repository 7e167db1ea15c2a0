import { backupDatabase, restoreDatabase } from '@clickstream/operations';
import type { Drill } from '../drill';
import { pause } from '../drill-run';

/**
 * Backup and restore (npm run backup / restore): rt backed up while events flow, more events
 * processed after it, then the apps stopped, the database dropped and Redis emptied (everything
 * after the backup is gone), the backup restored and the apps started again. The ledger recovery
 * must rebuild exactly what an uninterrupted run writes: the verdict compares the tables with the
 * brute-force reference of the whole topic.
 */
export const backupRestoreDrill: Drill = {
  id: 'backup-restore',
  fault: 'rt backed up mid-stream; later the apps stopped, the database dropped and Redis emptied; backup restored, apps started again.',
  async run(run) {
    run.startApps();
    const producing = run.produce(run.profile.events, run.seed, run.profile.rate);
    producing.catch(() => undefined); // awaited below; a failure must not crash the run before then
    await Promise.all([run.owning('aggregator'), run.owning('raw-sink')]);
    await pause(2_000);
    const stack = run.stack.localStack;
    // Not bound to the drill's database: the restore drops and recreates it.
    const target = { clickhouse: stack.clickhouse(), redis: stack.redis(), database: run.scenario.database, disk: 'backups' };
    const name = `drill-${run.scenario.database}`;
    const backup = await backupDatabase(target, name);
    run.record(`backup '${name}' taken mid-stream: ${backup.rows} rows, ${backup.totalMs} ms, apps' writes held ${backup.pausedMs} ms`);
    await pause(Math.max(2_000, run.profile.outageMs / 2));
    await run.supervisor.stopAll();
    await target.clickhouse.command({ query: `DROP DATABASE \`${run.scenario.database}\` SYNC` });
    await run.stack.stop('redis');
    await run.stack.restartEmpty('redis');
    run.record('apps stopped (SIGTERM), database dropped, Redis restarted EMPTY: everything after the backup is gone');
    const admin = stack.kafka().admin();
    await admin.connect();
    const groups = ['aggregator', 'raw-sink'].map((app) => ({ groupId: `${app}-${run.scenario.groupSuffix}`, topic: run.scenario.topic }));
    const restore = await restoreDatabase({ ...target, redis: stack.redis(), kafka: { admin, groups } }, name).finally(() => admin.disconnect());
    run.record(`restored in ${restore.totalMs} ms: ${restore.rows} rows, ledger sealed for ${restore.sealedPartitions} partitions, offsets of ${restore.resetGroups.length} groups reset; apps started again`);
    run.supervisor.restartAll();
    await producing;
  },
};
