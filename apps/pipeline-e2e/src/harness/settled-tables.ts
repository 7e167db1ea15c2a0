import { waitFor } from '@clickstream/integration-testing';
import type { AppProcess } from './app-process';
import type { PipelineScenario, TableContents } from './pipeline-scenario';
import type { Reference } from './reference-model';

/** The pipeline's tables equal the brute-force reference: windows, late events, raw rows. */
export function expectExact(tables: TableContents, reference: Reference): void {
  expect(tables.windows).toEqual(reference.windows);
  expect(tables.lateEventIds).toEqual(reference.lateEventIds);
  expect(tables.rawRows).toBe(reference.validEventIds.length);
  expect(tables.rawDistinctEventIds).toBe(reference.validEventIds.length);
}

/**
 * Polls until the tables equal the reference (then returns them), failing at once if one of the
 * apps exited: the apps must survive whatever the scenario did to them.
 */
export function settledTables(
  scenario: PipelineScenario,
  reference: Reference,
  apps: () => AppProcess[],
  options: { timeoutMs?: number; description?: string } = {},
): Promise<TableContents> {
  return waitFor(
    async () => {
      for (const p of apps()) if (!p.running) throw new Error(`${p.app} exited early:\n${p.tail()}`);
      const tables = await scenario.tables();
      expectExact(tables, reference);
      return tables;
    },
    { timeoutMs: options.timeoutMs ?? 180_000, intervalMs: 1_000, description: options.description ?? 'tables equal to the brute-force reference' },
  );
}

/**
 * Polls until the anomaly scorer has scored every window that all partitions have closed, then
 * returns the tables (the apps must still be running).
 */
export async function settledAnomalies(scenario: PipelineScenario, partitions: number, apps: () => AppProcess[]): Promise<TableContents> {
  await waitFor(
    async () => {
      for (const p of apps()) if (!p.running) throw new Error(`${p.app} exited early:\n${p.tail()}`);
      const [finalWindow, scored] = await Promise.all([scenario.newestFinalWindow(partitions), scenario.lastScoredWindow()]);
      if (finalWindow === undefined || scored !== finalWindow) throw new Error(`scored up to ${scored}, final up to ${finalWindow}`);
    },
    { timeoutMs: 120_000, intervalMs: 1_000, description: 'the anomaly scorer caught up with the final windows' },
  );
  return scenario.tables();
}
