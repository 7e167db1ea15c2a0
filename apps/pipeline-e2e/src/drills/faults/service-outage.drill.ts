import type { Drill } from '../drill';
import { pause } from '../drill-run';
import type { StackService } from '../private-stack';

/**
 * A service of the stack stopped (SIGTERM, the real process ends) while events flow, down for the
 * profile's outage, then started again with its data, or EMPTY (its data files deleted first).
 */
function outageDrill(service: Exclude<StackService, 'kafka'>, empty: boolean, fault: string): Drill {
  return {
    id: `${service}-${empty ? 'empty' : 'down'}`,
    fault,
    async run(run) {
      run.startApps();
      const producing = run.produce(run.profile.events, run.seed, run.profile.rate);
      await Promise.all([run.owning('aggregator'), run.owning('raw-sink')]);
      await pause(1_000);
      await run.outage(service, run.profile.outageMs, empty);
      await producing;
    },
  };
}

export const clickhouseDownDrill = outageDrill(
  'clickhouse',
  false,
  'ClickHouse stopped while events flow, restarted with its data after the outage: inserts fail, flushes retry with backoff.',
);

export const redisDownDrill = outageDrill(
  'redis',
  false,
  'Redis (the checkpoints) stopped while events flow, restarted with its data (AOF, fsync always) after the outage.',
);

export const redisEmptyDrill = outageDrill(
  'redis',
  true,
  'Redis stopped while events flow, its data files deleted, started EMPTY: every checkpoint, epoch and flush announcement is gone.',
);
