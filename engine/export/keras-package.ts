// The Keras export of a run: the script (./keras.ts) and, beside it, `<name>.weights.npz`
// holding the run's trained weights (keys `<layer>/<i>` in Keras's own order, which
// TensorFlow.js's layers share) and its input scaling, so `python3 <name>.py predict IN.npy
// OUT.npy` takes raw inputs as the app does. The parity check runs that command where
// python3 can import keras; where it cannot (as here: no Keras in Debian) it says so.
import type * as tfl from '@tensorflow/tfjs-layers';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Dataset, Preprocessing } from '../data/types.js';
import { writeFileAtomic } from '../project/atomic.js';
import type { Project } from '../project/types.js';
import type { RunDoc } from '../runs/schema.js';
import { toKerasScript } from './keras.js';
import { appPredictions, compareOutputs, isClassifierOutput, parityInputs, type ParityResult } from './parity.js';
import { npyBytes, npzBytes, readNpy, type NpyArray } from './npy.js';

/** `mnist.py` → `mnist.weights.npz`. */
export function kerasWeightsFile(script: string): string {
  return `${basename(script).replace(/\.py$/i, '')}.weights.npz`;
}

/** The model's weights by Keras layer name and index, and the scaling the run trained with
 *  (offset 0, divisor 1 when it had none). */
export function kerasWeightArrays(model: tfl.LayersModel, prep: Preprocessing | undefined): Record<string, NpyArray> {
  const out: Record<string, NpyArray> = {};
  for (const layer of model.layers)
    layer.getWeights().forEach((w, i) => {
      out[`${layer.name}/${i}`] = { shape: w.shape.slice(), data: Float32Array.from(w.dataSync()) };
    });
  const p = prep && prep.method !== 'none' ? prep : { offset: [0], divisor: [1] };
  out['layerlab_scaling/offset'] = { shape: [p.offset.length], data: Float32Array.from(p.offset) };
  out['layerlab_scaling/divisor'] = { shape: [p.divisor.length], data: Float32Array.from(p.divisor) };
  return out;
}

const KERAS_PYTHON = ['python3', '-c', 'import keras'];

/** Writes the script and its weights file; then the parity check where Keras imports. */
export async function exportKerasPackage(opts: { project: Project; model: tfl.LayersModel; file: string; run?: RunDoc; dataset?: Dataset }): Promise<{ files: string[]; parity: ParityResult; prep?: Preprocessing }> {
  const { model, run, dataset, file } = opts;
  const prep = run ? run.dataset.preprocessing : dataset?.preprocessing;
  const classNames = run?.dataset.classNames ?? dataset?.classNames;
  const weightsFile = kerasWeightsFile(file);
  const script = toKerasScript(opts.project, { weightsFile, ...(classNames ? { classNames } : {}) });
  await writeFileAtomic(join(dirname(file), weightsFile), npzBytes(kerasWeightArrays(model, prep)));
  await writeFileAtomic(file, script);
  const files = [basename(file), weightsFile];
  const input = parityInputs(model, dataset, prep, isClassifierOutput(model, run?.dataset.task ?? dataset?.task, classNames));
  const probe = spawnSync(KERAS_PYTHON[0]!, KERAS_PYTHON.slice(1), { encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) {
    const reason = 'no Keras here (python3 cannot import keras)';
    return { files, parity: { checked: false, reason, line: `not checked: ${reason}; the script loads ${weightsFile} by layer name` }, ...(prep ? { prep } : {}) };
  }
  const tmp = await mkdtemp(join(tmpdir(), 'layerlab-keras-parity-'));
  try {
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    await writeFile(join(tmp, 'in.npy'), npyBytes([input.count, ...shape], input.raw));
    const r = spawnSync('python3', [file, 'predict', join(tmp, 'in.npy'), join(tmp, 'out.npy')], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) {
      const line = `predictions differ: the Keras script failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? `exit ${r.status}`}`;
      return { files, parity: { checked: true, ok: false, samples: input.count, maxDelta: Infinity, source: input.source, line } };
    }
    const got = readNpy(new Uint8Array(await readFile(join(tmp, 'out.npy'))));
    const { values, width } = await appPredictions(model, input);
    return { files, parity: compareOutputs(got.data, values, width, input, 'the exported Keras model'), ...(prep ? { prep } : {}) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
