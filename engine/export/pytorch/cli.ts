// `layerlab export --format pytorch`: writes the folder (model.py, weights.npz, metadata.json)
// of a model with the run's input scaling inside, then the parity check: `python3 model.py
// predict` on up to 256 test examples against TensorFlow.js.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset, Preprocessing } from '../../data/types.js';
import type { Project } from '../../project/types.js';
import type { RunDoc } from '../../runs/schema.js';
import { isClassifierOutput, parityInputs, type ParityResult } from '../parity.js';
import { fromRun, loadParityDataset, reportParity, scalingNote } from '../parity-cli.js';
import { toPytorch } from './export.js';
import { checkPytorchParity, writePytorchFolder } from './run.js';

export interface PytorchCliOptions {
  model: tfl.LayersModel;
  project: Project;
  projectPath: string;
  out: string;
  run?: RunDoc;
  nodeIdOf?: Map<string, string>;
  io: { out(s: string): void; err(s: string): void };
}

/** Writes the folder of `model` and checks it against `model` on `dataset`'s test split. */
export async function pytorchWithParity(opts: { model: tfl.LayersModel; project: Project; out: string; run?: RunDoc; dataset?: Dataset; nodeIdOf?: Map<string, string> }): Promise<{ parity: ParityResult; prep?: Preprocessing }> {
  const { model, run, dataset, project } = opts;
  // The scaling the weights were trained with: the run's record, else the dataset's own fit.
  const prep = run ? run.dataset.preprocessing : dataset?.preprocessing;
  const classNames = run?.dataset.classNames ?? dataset?.classNames;
  const classification = isClassifierOutput(model, run?.dataset.task ?? dataset?.task, classNames);
  const exp = toPytorch(model, {
    ...(prep ? { preprocessing: prep } : {}),
    ...(classNames ? { classNames } : {}),
    ...(opts.nodeIdOf ? { nodeIdOf: opts.nodeIdOf } : {}),
    ...(run ? { runId: run.id } : {}),
    name: project.name,
    ...(project.description ? { description: project.description } : {}),
    training: project.training,
    ...(dataset?.featureNames ? { featureNames: dataset.featureNames } : {}),
  });
  await writePytorchFolder(opts.out, exp);
  const parity = await checkPytorchParity(opts.out, model, parityInputs(model, dataset, prep, classification));
  return { parity, ...(prep ? { prep } : {}) };
}

/** Writes the folder and prints the parity line; false when the predictions differ. */
export async function exportPytorch(opts: PytorchCliOptions): Promise<boolean> {
  const { model, project, run, io } = opts;
  const dataset = await loadParityDataset(project, opts.projectPath, io);
  const { parity, prep } = await pytorchWithParity({ model, project, out: opts.out, ...(run ? { run } : {}), ...(dataset ? { dataset } : {}), ...(opts.nodeIdOf ? { nodeIdOf: opts.nodeIdOf } : {}) });
  io.out(`exported pytorch (model.py, weights.npz, metadata.json) to ${opts.out}${fromRun(run)}${scalingNote(prep)}`);
  return reportParity(parity, io);
}
