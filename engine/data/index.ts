// The data layer's public face: load a dataset by id or file, list the built-in ones.
import type { DatasetRef, Project } from '../project/types.js';
import type { Dataset, DatasetSummary } from './types.js';
import { DATASETS, getDatasetSpec } from './registry.js';
import { loadDataset, type LoadOptions } from './load.js';
import { isInputKind } from '../layers/registry.js';
import { requireDataset } from '../project/dataset.js';

export { loadDataset, COMMON_OPTIONS, type LoadOptions } from './load.js';
export { DatasetError } from './errors.js';
export type { OnProgress, ProgressUnit } from './progress.js';
export { oneHot, applyScaling, fitScaling, classCounts, SCALING_METHODS } from './preprocess.js';
export { splitSource, idxSource } from './batches.js';
export { inspectDataset, type DatasetInspection } from './inspect.js';
export { previewDataset, type DatasetPreview } from './preview.js';
export type * from './types.js';

export function listDatasets(): DatasetSummary[] {
  return DATASETS.map((d) => {
    const reason = d.unavailable?.() ?? null;
    return {
      id: d.id,
      name: d.name,
      description: d.description,
      source: d.source,
      task: d.task,
      format: d.format,
      available: reason === null,
      ...(reason ? { reason } : {}),
      options: d.options,
    };
  });
}

/** `--dataset <id-or-file>`: a known id, else a path to import. */
export function datasetRefFromArg(arg: string): DatasetRef {
  return getDatasetSpec(arg) ? { id: arg } : { file: arg };
}

/** The shape of the project's single Input node, if it has exactly one. */
export function projectInputShape(project: Project): number[] | undefined {
  const inputs = project.graph.nodes.filter((n) => isInputKind(n.kind));
  if (inputs.length !== 1) return undefined;
  const shape = inputs[0]!.params.shape;
  return Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d > 0) ? (shape as number[]) : undefined;
}

/** Loads the project's dataset reshaped to its Input node and seeded with its training seed;
 *  refuses (NoDatasetError) a project that names none. */
export async function loadProjectDataset(project: Project, opts: LoadOptions = {}): Promise<Dataset> {
  const inputShape = projectInputShape(project);
  const ref = requireDataset(project);
  return loadDataset(ref, {
    ...(project.training.seed !== undefined ? { seed: project.training.seed } : {}),
    ...(inputShape ? { inputShape } : {}),
    ...opts,
  });
}
