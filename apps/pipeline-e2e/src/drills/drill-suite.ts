import type { Drill } from './drill';
import type { DrillProfile } from './drill-profile';
import { DrillRun } from './drill-run';
import type { DrillVerdict } from './drill-verdict';
import { PrivateStack } from './private-stack';
import type { UnexpectedExit } from './app-supervisor';

export interface DrillResult {
  readonly drill: string;
  readonly fault: string;
  readonly faultsInjected: readonly string[];
  readonly notes: readonly string[];
  readonly verdict: DrillVerdict | undefined;
  /** Exits the drill did not cause; the restart policy restarted each. */
  readonly unexpectedExits: readonly UnexpectedExit[];
  readonly durationMs: number;
  /** From the end of the faults and the workload until the tables equalled the reference. */
  readonly settleMs: number;
  readonly error?: string;
  readonly passed: boolean;
}

/** Drill seeds: fixed, so a run repeats the same events and the same fault moments. */
const SEED_BASE = 20_261_124;

/** Runs one drill on a running private stack; `index` picks its seed. Never throws for a drill failure. */
export async function runDrill(stack: PrivateStack, drill: Drill, index: number, profile: DrillProfile): Promise<DrillResult> {
  const t0 = Date.now();
  let run: DrillRun;
  try {
    run = await DrillRun.create(stack, drill.id.replace(/[^a-z0-9]/gi, '_'), profile, SEED_BASE + index * 1_000, drill.partitions);
  } catch (e) {
    const error = `setting up the drill failed: ${e instanceof Error ? e.message : String(e)}`;
    return { drill: drill.id, fault: drill.fault, faultsInjected: [], notes: [], verdict: undefined, unexpectedExits: [], durationMs: Date.now() - t0, settleMs: 0, error, passed: false };
  }
  let error: string | undefined;
  let verdict: DrillVerdict | undefined;
  let settleMs = 0;
  try {
    await drill.run(run);
    ({ verdict, settleMs } = await run.settle(drill.settleTimeoutMs?.(profile) ?? profile.settleTimeoutMs));
    await drill.afterSettle?.(run);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    ({ verdict, settleMs } = await run.settle(1_000).catch(() => ({ verdict: undefined, settleMs: 0 })));
  } finally {
    await run.close().catch((e: unknown) => run.notes.push(`cleanup failed: ${String(e)}`));
  }
  return {
    drill: drill.id,
    fault: drill.fault,
    faultsInjected: run.faults,
    notes: run.notes,
    verdict,
    unexpectedExits: run.supervisor.unexpectedExits,
    durationMs: Date.now() - t0,
    settleMs,
    error,
    passed: error === undefined && verdict?.ok === true,
  };
}

/**
 * Runs the drills one after the other on one private stack (started here, stopped at the end,
 * whatever happens). `onResult` sees each result as soon as it is known.
 */
export async function runDrillSuite(
  drills: readonly Drill[],
  profile: DrillProfile,
  onResult: (result: DrillResult) => void = () => undefined,
): Promise<DrillResult[]> {
  const stack = await PrivateStack.up(`drill-${profile.mode}`);
  const results: DrillResult[] = [];
  try {
    for (const [i, drill] of drills.entries()) {
      const result = await runDrill(stack, drill, i, profile);
      results.push(result);
      onResult(result);
    }
  } finally {
    await stack.down();
  }
  return results;
}
