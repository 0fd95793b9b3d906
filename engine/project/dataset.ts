// A project file may name no dataset: a hand-written or exported graph checks, exports as
// code and compiles on its own. Only training (and what needs its data: evaluation, the Keras
// data loader) asks for one, through requireDataset, with the one message that says how.
import type { DatasetRef, Project } from './types.js';

export const NO_DATASET = 'this project names no dataset: choose one in the Data panel, or give --dataset ID (e.g. --dataset mnist) to layerlab train';

export class NoDatasetError extends Error {
  constructor() {
    super(NO_DATASET);
    this.name = 'NoDatasetError';
  }
}

/** The dataset the project trains on; throws NoDatasetError when it names none. */
export function requireDataset(project: Pick<Project, 'dataset'>): DatasetRef {
  if (!project.dataset) throw new NoDatasetError();
  return project.dataset;
}
