// Which run `train --init-from X` (and the app's "start from run") means: a run id of this
// project, another project's run as PROJECT:ID (an imported model's run lives beside the
// project the import wrote), or PROJECT alone for its newest run with usable weights.
import * as tfl from '@tensorflow/tfjs-layers';
import { hasUsableModel, listRuns, loadRunModel, readRun } from './store.js';
import type { RunDoc } from './schema.js';

const RUN_ID = /^[0-9a-z]{9}-[0-9a-z]{6}$/;

export interface InitSource {
  /** The project file the run belongs to. */
  projectPath: string;
  run: RunDoc;
}

export async function resolveInitSource(projectPath: string, arg: string): Promise<InitSource> {
  let where = projectPath;
  let id: string | undefined = arg;
  if (!RUN_ID.test(arg)) {
    const m = /^(.*):([0-9a-z]{9}-[0-9a-z]{6})$/.exec(arg);
    where = m ? m[1]! : arg;
    id = m ? m[2]! : undefined;
  }
  if (id) {
    const run = await readRun(where, id);
    if (!hasUsableModel(run)) throw new Error(`run ${run.id} has no usable weights (status ${run.status}, ${run.epochs.length} epochs)`);
    return { projectPath: where, run };
  }
  const { runs } = await listRuns(where);
  const run = runs.find(hasUsableModel);
  if (!run) throw new Error(`${where} has no run with weights to start from (train or import it first)`);
  return { projectPath: where, run };
}

/** The source's model (the caller disposes it) and its name for the report. */
export async function loadInitSource(src: InitSource): Promise<{ model: tfl.LayersModel; from: string }> {
  const model = await loadRunModel(src.projectPath, src.run);
  return { model, from: initSourceName(src.run) };
}

/** A run as the init report names it: "run ID ('label')", "imported run ID". */
export function initSourceName(run: RunDoc): string {
  const what = run.imported ? `imported run ${run.id}` : `run ${run.id}`;
  return run.label ? `${what} ('${run.label}')` : what;
}
