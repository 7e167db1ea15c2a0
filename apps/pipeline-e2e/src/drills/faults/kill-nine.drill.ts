import type { ConsumerApp } from '../app-supervisor';
import type { Drill } from '../drill';
import { pause, type DrillRun } from '../drill-run';
import { seededRandom } from '../seeded-random';

/** One kill of `app` once its current process owns partitions, at a seeded-random moment after that. */
async function killWhileWorking(run: DrillRun, app: ConsumerApp, random: () => number): Promise<void> {
  await run.owning(app);
  await pause(300 + random() * 1_700);
  await run.supervisor.kill9(app);
  run.record(`kill -9 ${app}`);
}

export const killNineDrill: Drill = {
  id: 'kill-9',
  fault:
    'SIGKILL of the aggregator and the raw sink at seeded-random moments while they process (each ' +
    'once it owns partitions, 0.3-2 s later); the restart policy starts a new process 1 s after each kill.',
  async run(run) {
    const random = seededRandom(run.seed);
    run.startApps();
    const producing = run.produce(run.profile.events, run.seed, run.profile.rate);
    for (let round = 0; round < run.profile.killRounds; round++) {
      await Promise.all([killWhileWorking(run, 'aggregator', random), killWhileWorking(run, 'raw-sink', random)]);
    }
    await producing;
  },
};
