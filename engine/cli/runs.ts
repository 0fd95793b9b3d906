// Choosing the run a command works on (`--run ID`, or the newest run that matches the
// project), with the one clear error when none does: a command never falls back to a model
// that belongs to another graph.
import type { Project } from '../project/types.js';
import { effectiveStatus, hasUsableModel, listRuns, pickMatchingRun, readRun, runMatchesProject, runsDirFor } from '../runs/store.js';
import type { RunDoc } from '../runs/schema.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '../backend/index.js';
import { loadRunModel } from '../runs/store.js';
import type { CliIO } from './io.js';
import { readProject } from './project.js';
import { fixed, table } from './table.js';

export class NoMatchingRunError extends Error {}

/** "2026-12-03 16:40" in UTC: runs are compared across machines, so no local time zone. */
export function runDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The table `layerlab runs` prints, also shown when no run matches. */
export function runsTable(runs: RunDoc[], project: Project): string[] {
  const rows = runs.map((r) => [
    r.id,
    r.label || '-',
    runDate(r.createdAt),
    `${r.epochs.length}/${r.plannedEpochs}`,
    effectiveStatus(r),
    r.backend.name,
    fixed(typeof r.test?.loss === 'number' ? r.test.loss : undefined),
    fixed(typeof r.test?.accuracy === 'number' ? r.test.accuracy : undefined),
    runMatchesProject(r, project) ? 'yes' : 'no',
  ]);
  return table(['run', 'label', 'created (UTC)', 'epochs', 'status', 'backend', 'test loss', 'test acc', 'matches'], rows, new Set([3, 6, 7]));
}

/** The run named by --run, or else the newest run whose graph and settings match the project
 *  and whose weights are usable. Throws NoMatchingRunError listing the runs when none does. */
export async function chooseRun(path: string, project: Project, runId: string | undefined, io: CliIO): Promise<RunDoc> {
  if (runId !== undefined) {
    const run = await readRun(path, runId).catch((e: Error) => {
      throw new Error(`--run ${runId}: ${e.message}`);
    });
    if (!hasUsableModel(run)) throw new Error(`run ${run.id} has no usable weights (status ${effectiveStatus(run)}, ${run.epochs.length} epochs)`);
    if (!runMatchesProject(run, project))
      io.err(`note: run ${run.id} trained another version of this project (its graph or training settings differ from ${path} now); using the run's own model and settings`);
    return run;
  }
  const { runs, warnings } = await listRuns(path);
  for (const w of warnings) io.err(`warning: ${w}`);
  const match = pickMatchingRun(runs, project);
  if (match) {
    if (match.status !== 'finished')
      io.err(`note: using run ${match.id}, ${effectiveStatus(match)} after ${match.epochs.length} of ${match.plannedEpochs} epochs (no finished run matches the project)`);
    return match;
  }
  const lines = [
    runs.length
      ? `no run of ${path} matches the project as it is now (its graph or training settings changed since these runs, or they have no usable weights); train it again with 'layerlab train ${path}', or choose one of these with --run ID:`
      : `${path} has no runs yet (none in ${runsDirFor(path)}); train it first with 'layerlab train ${path}'`,
  ];
  if (runs.length) lines.push(...runsTable(runs, project).map((l) => `  ${l}`));
  throw new NoMatchingRunError(lines.join('\n'));
}

/** The run a command works on (`--run`, or the newest that matches the project) and its model
 *  on the chosen backend; null when the project file does not read (already said on io). The
 *  caller disposes the model. */
export async function runModel(path: string, runArg: string | undefined, backend: string | undefined, io: CliIO): Promise<{ run: RunDoc; model: tfl.LayersModel } | null> {
  const loaded = await readProject(path, io);
  if (!loaded) return null;
  const run = await chooseRun(path, loaded, runArg, io);
  await useBackend(backend ?? 'auto');
  return { run, model: await loadRunModel(path, run) };
}
