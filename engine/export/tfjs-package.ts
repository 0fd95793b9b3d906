// The TensorFlow.js export as the app and the CLI write it: the run's model with its input
// scaling as the first layers (./tfjs-scaling.ts), the class names and scaling in model.json's
// userDefinedMetadata, the project beside it; then the folder is loaded back with
// tf.loadLayersModel and run on raw test examples against the app's predictions.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset, Preprocessing } from '../data/types.js';
import type { RunDoc } from '../runs/schema.js';
import { appPredictions, compareOutputs, isClassifierOutput, parityInputs, type ParityResult } from './parity.js';
import { exportTfjs, loadTfjsModel } from './tfjs.js';
import { withInputScaling } from './tfjs-scaling.js';

export interface TfjsPackageOptions {
  model: tfl.LayersModel;
  dir: string;
  run?: RunDoc;
  /** The run's dataset (test split for the parity check); random inputs without it. */
  dataset?: Dataset;
  /** More files for the folder (the project file). */
  extraFiles?: Record<string, string | Uint8Array>;
}

/** What the export's model.json says about its inputs and outputs, for other tools. */
export interface TfjsLayerlabMetadata {
  /** Raw inputs of this shape go in; the scaling below is inside the model already. */
  inputShape: number[];
  preprocessing?: Preprocessing;
  scalingInside: boolean;
  classNames?: string[];
  /** The flat features' names: a CSV's categorical column is one-hot features `column=category`. */
  featureNames?: string[];
  dataset?: string;
  runId?: string;
}

/** A fresh copy of a model (its own layers and weights), so wrapping it leaves `model` as it was. */
async function copyOf(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
}

export async function exportTfjsPackage(opts: TfjsPackageOptions): Promise<{ dir: string; files: string[]; parity: ParityResult; prep?: Preprocessing }> {
  const { model, run, dataset } = opts;
  const prep = run ? run.dataset.preprocessing : dataset?.preprocessing;
  const classNames = run?.dataset.classNames ?? dataset?.classNames;
  const copy = await copyOf(model);
  let written: { dir: string; files: string[] };
  const scaled = prep && prep.method !== 'none' && model.inputs.length === 1;
  try {
    const wrapped = withInputScaling(copy, prep);
    const metadata: TfjsLayerlabMetadata = {
      inputShape: model.inputs[0]!.shape.slice(1) as number[],
      ...(prep ? { preprocessing: prep } : {}),
      scalingInside: Boolean(scaled),
      ...(classNames ? { classNames } : {}),
      ...(dataset?.featureNames ? { featureNames: dataset.featureNames } : {}),
      ...(run ? { dataset: run.dataset.id, runId: run.id } : dataset ? { dataset: dataset.id } : {}),
    };
    written = await exportTfjs(wrapped, opts.dir, { metadata: { layerlab: metadata }, ...(opts.extraFiles ? { extraFiles: opts.extraFiles } : {}) });
  } finally {
    copy.dispose();
  }
  const parity = await checkTfjsParity(written.dir, model, { prep, task: run?.dataset.task ?? dataset?.task, classNames, dataset, scaled: Boolean(scaled) });
  return { ...written, parity, ...(prep ? { prep } : {}) };
}

/** Loads the written folder as any user would and compares it with the app's model. */
async function checkTfjsParity(
  dir: string,
  model: tfl.LayersModel,
  o: { prep: Preprocessing | undefined; task: string | undefined; classNames: string[] | undefined; dataset: Dataset | undefined; scaled: boolean },
): Promise<ParityResult> {
  if (model.inputs.length !== 1) return { checked: false, reason: 'the model has several inputs', line: 'not checked: the parity check feeds models of one input' };
  const input = parityInputs(model, o.dataset, o.prep, isClassifierOutput(model, o.task, o.classNames));
  const loaded = await loadTfjsModel(dir);
  try {
    const dims = [input.count, ...(model.inputs[0]!.shape.slice(1) as number[])];
    // The exported model takes raw values when the scaling is inside; else what the app feeds.
    const got = tf.tidy(() => {
      const out = loaded.predict(tf.tensor(o.scaled ? input.raw : input.scaled, dims, 'float32'));
      return (Array.isArray(out) ? out[0]! : out).dataSync() as Float32Array;
    });
    const { values, width } = await appPredictions(model, input);
    return compareOutputs(got, values, width, input, 'the exported TensorFlow.js model');
  } finally {
    loaded.dispose();
  }
}
