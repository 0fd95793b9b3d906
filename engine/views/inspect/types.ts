// What an inspect view computes from: a recorded run's trained model, its project as
// trained, and its dataset loaded with the run's seed (so the splits are the run's own). Each
// view is one file here (compute) plus its schema in ./schemas.ts; the worker answers them
// all through one request, so a new view needs no new channel.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '../../data/types.js';
import type { Project } from '../../project/types.js';
import type { RunDoc } from '../../runs/schema.js';

export interface InspectContext {
  /** The trained model; it takes inputs scaled as in training (the dataset's x already is). */
  model: tfl.LayersModel;
  project: Project;
  dataset: Dataset;
  /** tfjs layer name → node id (the project's graph). */
  nodeIdOf: Map<string, string>;
  /** The run's record (its preprocessing, class names); null for a model not from a run. */
  run: RunDoc | null;
}

/** A view's work: `applies` says whether it has anything to show for this run (true, or why
 *  not in words), `compute` answers its params. */
export interface InspectCompute<P, R> {
  applies(ctx: InspectContext): true | string;
  compute(ctx: InspectContext, params: P): Promise<R> | R;
}
