// `layerlab export --format onnx`: writes the .onnx file of a model (a run's, a folder's or an
// untrained one) with the run's input scaling inside, then the parity check on up to 256
// examples of the test split (random inputs of the Input's shape when the data cannot be
// loaded). Kept beside the exporter so the CLI command stays a thin switch.
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadProjectDataset } from '../../data/index.js';
import type { Preprocessing } from '../../data/types.js';
import { writeFileAtomic } from '../../project/atomic.js';
import type { Project } from '../../project/types.js';
import type { RunDoc } from '../../runs/schema.js';
import { OPSET } from './graph.js';
import { toOnnx } from './export.js';
import { checkOnnxParity } from './parity.js';
import { isClassifierOutput, parityInputs, type ParityResult } from '../parity.js';
import { fromRun, loadParityDataset, reportParity, scalingNote } from '../parity-cli.js';

export interface OnnxCliOptions {
  model: tfl.LayersModel;
  project: Project;
  projectPath: string;
  out: string;
  run?: RunDoc;
  io: { out(s: string): void; err(s: string): void };
}

type Loaded = Awaited<ReturnType<typeof loadProjectDataset>>;

/** What the app and the CLI both do: the .onnx bytes of `model` with the run's scaling and
 *  class names inside, and the parity check of those bytes against `model` on `dataset`'s
 *  test split (random inputs without a dataset). `dataset` is loaded by the caller. */
export async function onnxWithParity(opts: { model: tfl.LayersModel; run?: RunDoc; dataset?: Loaded }): Promise<{ bytes: Uint8Array; parity: ParityResult; prep?: Preprocessing }> {
  const { model, run, dataset } = opts;
  // The scaling the weights were trained with: the run's record, else the dataset's own fit.
  const prep = run ? run.dataset.preprocessing : dataset?.preprocessing;
  const classNames = run?.dataset.classNames ?? dataset?.classNames;
  const bytes = toOnnx(model, {
    ...(prep ? { preprocessing: prep } : {}),
    ...(classNames ? { classNames } : {}),
    name: run?.dataset.name ? `${run.dataset.name}` : model.name,
    metadata: {
      ...(run ? { run_id: run.id, dataset: run.dataset.id } : {}),
      input_shape: JSON.stringify(model.inputs[0]?.shape.slice(1) ?? []),
      // A CSV's categorical columns come in one-hot, as features named column=category.
      ...(dataset?.featureNames ? { feature_names: JSON.stringify(dataset.featureNames) } : {}),
    },
  });
  const classification = isClassifierOutput(model, run?.dataset.task ?? dataset?.task, classNames);
  const parity = await checkOnnxParity(bytes, model, parityInputs(model, dataset, prep, classification));
  return { bytes, parity, ...(prep ? { prep } : {}) };
}

/** Writes the file and prints the parity line; false when the predictions differ. */
export async function exportOnnx(opts: OnnxCliOptions): Promise<boolean> {
  const { model, project, run, io } = opts;
  const dataset = await loadParityDataset(project, opts.projectPath, io);
  const { bytes, parity, prep } = await onnxWithParity({ model, ...(run ? { run } : {}), ...(dataset ? { dataset } : {}) });
  await writeFileAtomic(opts.out, bytes);
  io.out(`exported onnx (opset ${OPSET}, ${(bytes.length / 1024).toFixed(1)} KiB) to ${opts.out}${fromRun(run)}${scalingNote(prep)}`);
  return reportParity(parity, io);
}
