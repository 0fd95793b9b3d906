// `layerlab export --format onnx`: writes the .onnx file of a model (a run's, a folder's or an
// untrained one) with the run's input scaling inside, then the parity check on up to 256
// examples of the test split (random inputs of the Input's shape when the data cannot be
// loaded). Kept beside the exporter so the CLI command stays a thin switch.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { applyScaling, loadProjectDataset } from '../../data/index.js';
import type { Preprocessing } from '../../data/types.js';
import { writeFileAtomic } from '../../project/atomic.js';
import type { Project } from '../../project/types.js';
import type { RunDoc } from '../../runs/schema.js';
import { dirname, resolve } from 'node:path';
import { OPSET } from './graph.js';
import { toOnnx } from './export.js';
import { checkOnnxParity, PARITY_SAMPLES, unscale, type ParityInput, type ParityResult } from './parity.js';

export interface OnnxCliOptions {
  model: tfl.LayersModel;
  project: Project;
  projectPath: string;
  out: string;
  run?: RunDoc;
  io: { out(s: string): void; err(s: string): void };
}

type Loaded = Awaited<ReturnType<typeof loadProjectDataset>>;

/** The examples both models get: the test split's first ones, or random ones. */
function parityInputs(model: tfl.LayersModel, dataset: Loaded | undefined, prep: Preprocessing | undefined, classification: boolean): ParityInput {
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const width = shape.reduce((a, b) => a * b, 1);
  const split = dataset && (dataset.test.count > 0 ? dataset.test : dataset.train);
  const count = Math.min(split?.count ?? 0, PARITY_SAMPLES);
  if (split && count > 0 && split.x.length >= count * width) {
    // The loader scaled the split with its own fit; the raw values go into the ONNX model,
    // and TensorFlow.js gets them scaled as the run trained (its recorded statistics).
    const raw = unscale(split.x.subarray(0, count * width), dataset.preprocessing);
    const scaled = prep && prep.method !== 'none' ? applyScaling(raw, prep) : raw;
    return { raw, scaled, count, source: split === dataset.test ? 'test split' : 'training split', classification };
  }
  const n = 64;
  const scaled = tf.tidy(() => tf.randomUniform([n * width], 0, 1, 'float32', 1).dataSync() as Float32Array);
  return { raw: unscale(scaled, prep), scaled, count: n, source: 'random inputs', classification };
}

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
    metadata: { ...(run ? { run_id: run.id, dataset: run.dataset.id } : {}), input_shape: JSON.stringify(model.inputs[0]?.shape.slice(1) ?? []) },
  });
  // Class agreement is counted where the output is the class probabilities (not, say, an
  // autoencoder's reconstruction of a labelled dataset).
  const outWidth = (model.outputs[0]!.shape.slice(1) as number[]).reduce((x, y) => x * y, 1);
  const classification = (run?.dataset.task ?? dataset?.task) === 'classification' && (outWidth === 1 || outWidth === classNames?.length);
  const parity = await checkOnnxParity(bytes, model, parityInputs(model, dataset, prep, classification));
  return { bytes, parity, ...(prep ? { prep } : {}) };
}

/** Writes the file and prints the parity line; false when the predictions differ. */
export async function exportOnnx(opts: OnnxCliOptions): Promise<boolean> {
  const { model, project, run, io } = opts;
  let dataset: Loaded | undefined;
  try {
    dataset = await loadProjectDataset(project, { baseDir: dirname(resolve(opts.projectPath)) });
  } catch (e) {
    io.err(`note: the dataset did not load, so the parity check uses random inputs (${(e as Error).message.split('\n')[0]})`);
  }
  const { bytes, parity: result, prep } = await onnxWithParity({ model, ...(run ? { run } : {}), ...(dataset ? { dataset } : {}) });
  await writeFileAtomic(opts.out, bytes);
  io.out(
    `exported onnx (opset ${OPSET}, ${(bytes.length / 1024).toFixed(1)} KiB) to ${opts.out}${run ? ` from run ${run.id}${run.label ? ` '${run.label}'` : ''} (${run.epochs.length} epochs)` : ''}` +
      (prep && prep.method !== 'none' ? `; input scaling '${prep.method}' inside the model` : ''),
  );
  if (!result.checked) {
    io.out(result.line);
    return true;
  }
  if (result.ok) io.out(result.line);
  else io.err(result.line);
  return result.ok;
}
