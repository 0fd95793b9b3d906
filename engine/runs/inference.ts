// A run's model on raw inputs, as every export takes them: the run's recorded scaling applied
// exactly as in training, then the model; the first output per example (class probabilities,
// or the regression outputs). `layerlab predict` and the exports' contract share this.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { applyScaling } from '../data/index.js';
import type { RunDoc } from './schema.js';

export interface Predictions {
  /** Outputs per example, `count × width`. */
  values: Float32Array;
  count: number;
  width: number;
  /** The class names when the output is one probability per class (or one for two). */
  classes?: string[];
}

export class InferenceError extends Error {}

/** What predicting needs of a run's record: its scaling and class names (a loaded Dataset
 *  has the same fields, for a model not from a run). */
export type ScalingOf = { dataset: Pick<RunDoc['dataset'], 'task' | 'classNames' | 'preprocessing'> };

/** Runs `model` on `raw` (row-major `count × prod(Input shape)`), scaled as `run` trained. */
export function predictRaw(model: tfl.LayersModel, run: ScalingOf | undefined, raw: Float32Array, count: number): Predictions {
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const per = shape.reduce((a, b) => a * b, 1);
  if (count <= 0 || raw.length !== count * per)
    throw new InferenceError(`the inputs hold ${raw.length} values; the model takes examples of shape [${shape.join(', ')}] (${per} values each)`);
  const prep = run?.dataset.preprocessing;
  const x = prep && prep.method !== 'none' ? applyScaling(raw, prep) : raw;
  const out = tf.tidy(() => {
    const y = model.predict(tf.tensor(x, [count, ...shape], 'float32'));
    return (Array.isArray(y) ? y[0]! : y).clone();
  });
  try {
    const width = out.shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
    const names = run?.dataset.task === 'classification' ? run.dataset.classNames : undefined;
    const classes = names && (width === names.length || (width === 1 && names.length === 2)) ? names : undefined;
    return { values: out.dataSync() as Float32Array, count, width, ...(classes ? { classes } : {}) };
  } finally {
    out.dispose();
  }
}

/** The predicted class of example `i` (arg-max, or p > 0.5 with one output). */
export function predictedClass(p: Predictions, i: number): number {
  const row = p.values.subarray(i * p.width, (i + 1) * p.width);
  if (p.width === 1) return row[0]! > 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}

/** Each example's class probabilities (one per class: a single sigmoid's p becomes
 *  [1 − p, p]), or its outputs as they are when the output is not a class probability. */
export function probabilityRows(p: Predictions): number[][] {
  const two = p.classes !== undefined && p.width === 1;
  return Array.from({ length: p.count }, (_, i) => {
    const row = Array.from(p.values.subarray(i * p.width, (i + 1) * p.width));
    return two ? [1 - row[0]!, row[0]!] : row;
  });
}
