/**
 * `npm run drill` (full: 30 s outages, 12 kills) and `npm run drill -- --quick` (the CI short form's
 * settings). Runs every fault drill on a private stack, prints the verdict table, writes
 * bench/results/drill-<timestamp>.json, and (full runs) regenerates docs/reliability.md.
 *   --only <id,id>          run some drills only (no docs update)
 *   --doc-from <file.json>  no run: regenerate docs/reliability.md from a full run's results file
 */
import fs from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from '@clickstream/integration-testing';
import { AppSupervisor } from '../drills/app-supervisor';
import { ALL_DRILLS } from '../drills/faults/all-drills';
import { FULL_PROFILE, QUICK_PROFILE, type DrillProfile } from '../drills/drill-profile';
import { runDrillSuite, type DrillResult } from '../drills/drill-suite';
import { PrivateStack } from '../drills/private-stack';
import { describeMachine, renderReliabilityDoc, type MachineDescription } from '../drills/reliability-doc';
import { renderVerdictTable } from '../drills/verdict-table';

/** Hard bound on a whole run: it must stop by itself. */
const RUN_TIMEOUT_MS = { full: 75 * 60_000, quick: 20 * 60_000 };

function writeDoc(root: string, report: Parameters<typeof renderReliabilityDoc>[0]): void {
  const doc = path.join(root, 'docs', 'reliability.md');
  fs.writeFileSync(doc, renderReliabilityDoc(report));
  console.log(`[drill] ${path.relative(root, doc)} regenerated`);
}

/** Rebuilds the doc from a results file written by a full run (e.g. after a template change). */
function docFrom(file: string): number {
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    command: string;
    startedAt: string;
    profile: DrillProfile;
    machine: MachineDescription;
    results: DrillResult[];
  };
  if (saved.profile.mode !== 'full') {
    console.error(`${file} is a ${saved.profile.mode} run; docs/reliability.md keeps full runs only`);
    return 2;
  }
  writeDoc(findWorkspaceRoot(), { ...saved, startedAt: new Date(saved.startedAt), table: renderVerdictTable(saved.results) });
  return 0;
}

const USAGE = `usage: npm run drill [-- --quick] [-- --only <id,id>] | [-- --doc-from <file.json>]
  --quick                 the CI short form's settings (shorter outages, fewer kills and events)
  --only <id,id>          run some drills only (no docs update); ids: ${ALL_DRILLS.map((d) => d.id).join(', ')}
  --doc-from <file.json>  no run: regenerate docs/reliability.md from a full run's results file
`;

/** Refuses anything but the known flags: a typo must not start a 75-minute run. */
function argumentProblems(argv: readonly string[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--quick') continue;
    if (arg === '--only' || arg === '--doc-from') {
      if (argv[i + 1] === undefined || (argv[i + 1] as string).startsWith('--')) problems.push(`${arg} needs a value`);
      else i++;
      continue;
    }
    problems.push(`unknown argument '${arg}'`);
  }
  return problems;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const problems = argumentProblems(argv);
  if (problems.length > 0) {
    process.stderr.write(`drill: ${problems.join('; ')}\n${USAGE}`);
    return 2;
  }
  const docFromIndex = argv.indexOf('--doc-from');
  if (docFromIndex >= 0) return docFrom(argv[docFromIndex + 1] ?? '');
  const quick = argv.includes('--quick');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '').split(',') : undefined;
  const unknown = only?.filter((id) => !ALL_DRILLS.some((d) => d.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown drill(s): ${unknown.join(', ')} (one of ${ALL_DRILLS.map((d) => d.id).join(', ')})`);
    return 2;
  }
  const drills = only ? ALL_DRILLS.filter((d) => only.includes(d.id)) : ALL_DRILLS;
  const profile = quick ? QUICK_PROFILE : FULL_PROFILE;
  const command = `npm run drill${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const timer = setTimeout(() => void abort(`drill run exceeded ${RUN_TIMEOUT_MS[profile.mode] / 60_000} min`, 3), RUN_TIMEOUT_MS[profile.mode]);
  timer.unref();

  console.log(`[drill] ${profile.mode} profile: ${drills.length} drills, outages ${profile.outageMs / 1000} s, ${profile.killRounds * 2} kills, ${profile.events} events each`);
  const started = new Date();
  const results = await runDrillSuite(drills, profile, (r) =>
    console.log(`[drill] ${r.drill}: ${r.passed ? 'PASS' : 'FAIL'} in ${(r.durationMs / 1000).toFixed(0)} s ${JSON.stringify(r.verdict ?? r.error)}`),
  );
  const table = renderVerdictTable(results);
  console.log(`\n${table}\n`);

  const root = findWorkspaceRoot();
  const machine = describeMachine();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const outDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const jsonFile = path.join(outDir, `drill-${stamp}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify({ command, startedAt: started.toISOString(), profile, machine, results }, null, 2)}\n`);
  console.log(`[drill] results: ${path.relative(root, jsonFile)}`);
  if (profile.mode === 'full' && !only) writeDoc(root, { command, startedAt: started, profile, machine, table, results });
  const failed = results.filter((r) => !r.passed).length;
  console.log(`[drill] ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** Leaves nothing running: the apps are killed and the private stack is stopped before exiting. */
async function abort(why: string, code: number): Promise<void> {
  console.error(`[drill] ${why}: stopping the apps and the private stack`);
  AppSupervisor.killAll();
  await PrivateStack.downAll();
  process.exit(code);
}

process.on('SIGINT', () => void abort('interrupted', 130));
process.on('SIGTERM', () => void abort('terminated', 143));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[drill] failed:', error);
    process.exit(1);
  },
);
