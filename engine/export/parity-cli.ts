// What `layerlab export` prints around a weights export and its parity check, shared by the
// formats that carry weights.
import { dirname, resolve } from 'node:path';
import { loadProjectDataset } from '../data/index.js';
import type { Dataset, Preprocessing } from '../data/types.js';
import type { Project } from '../project/types.js';
import type { RunDoc } from '../runs/schema.js';
import type { ParityResult } from './parity.js';

type IO = { out(s: string): void; err(s: string): void };

/** The project's dataset for the check; undefined (said so) when it does not load. */
export async function loadParityDataset(project: Project, projectPath: string, io: IO): Promise<Dataset | undefined> {
  try {
    return await loadProjectDataset(project, { baseDir: dirname(resolve(projectPath)) });
  } catch (e) {
    io.err(`note: the dataset did not load, so the parity check uses random inputs (${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

export function fromRun(run: RunDoc | undefined): string {
  return run ? ` from run ${run.id}${run.label ? ` '${run.label}'` : ''} (${run.epochs.length} epochs)` : '';
}

export function scalingNote(prep: Preprocessing | undefined): string {
  return prep && prep.method !== 'none' ? `; input scaling '${prep.method}' inside the model` : '';
}

/** Prints the parity line; false when the predictions differ (a check that could not run is
 *  said so, and is not a failure). */
export function reportParity(result: ParityResult, io: IO): boolean {
  if (!result.checked || result.ok) {
    io.out(result.line);
    return true;
  }
  io.err(result.line);
  return false;
}
