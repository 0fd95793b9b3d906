// How a dataset's targets meet the model's output under a given loss. Dataset.y holds class
// indices for classification; each loss wants them differently: one-hot rows for
// categorical losses, the index itself for sparse, a 0/1 column for a single sigmoid unit,
// -1/+1 for hinge. The head also says how to read a predicted class off the output.
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/types.js';
import type { LossName } from '../project/types.js';
import { type LossFn, lossFunction } from './losses.js';

export interface ClassInfo {
  count: number;
  names: string[];
  /** One output unit: the class is 1 when the output exceeds this threshold. */
  threshold?: number;
}

export interface Head {
  task: 'classification' | 'regression';
  loss: LossName;
  lossFn: LossFn;
  /** Numbers per encoded target. */
  width: number;
  /** Shape of one encoded target (batch dimension excluded). */
  targetShape: number[];
  /** Writes the encoded target of `example` into out[offset, offset + width). */
  encode(y: Float32Array, example: number, out: Float32Array, offset: number): void;
  classes?: ClassInfo;
  /** Predicted class indices [batch] (int32) from a classification output. */
  predictedClass(yPred: tf.Tensor): tf.Tensor1D;
}

type DatasetLike = Pick<Dataset, 'task' | 'targetShape' | 'classNames' | 'train' | 'test'>;

function product(s: readonly number[]): number {
  return s.reduce((a, b) => a * b, 1);
}

function classCount(ds: DatasetLike): number {
  if (ds.classNames && ds.classNames.length > 0) return ds.classNames.length;
  let max = 0;
  for (const split of [ds.train, ds.test]) for (let i = 0; i < split.count; i++) max = Math.max(max, split.y[i] ?? 0);
  return Math.max(2, max + 1);
}

/** A label that is not a class index would be written outside its one-hot row. */
function checkLabels(ds: DatasetLike, count: number): void {
  for (const [name, split] of [['train', ds.train], ['test', ds.test]] as const)
    for (let i = 0; i < split.count; i++) {
      const v = split.y[i]!;
      if (!(Number.isInteger(v) && v >= 0 && v < count))
        throw new Error(`the dataset's ${name} label at row ${i} is ${v}, which is not a class index in 0..${count - 1}`);
    }
}

/** Throws an Error saying what does not fit (loss, output units, classes) and what to change. */
export function makeHead(loss: LossName, ds: DatasetLike, outputShape: readonly (number | null)[]): Head {
  const lossFn = lossFunction(loss);
  const out = outputShape.slice(1);
  if (out.some((d) => d === null)) throw new Error(`the output shape ${JSON.stringify(outputShape)} has an unknown dimension; training needs a fixed output shape`);
  const outDims = out as number[];
  const argmax = (p: tf.Tensor) => tf.argMax(p, -1) as tf.Tensor1D;

  if (ds.task !== 'classification') {
    const width = product(ds.targetShape);
    if (width !== product(outDims))
      throw new Error(`the dataset's targets have shape ${JSON.stringify(ds.targetShape)} (${width} numbers) but the output layer gives ${JSON.stringify(outDims)} (${product(outDims)}); make the last layer produce ${width} values`);
    if (loss === 'sparseCategoricalCrossentropy') throw new Error('sparseCategoricalCrossentropy needs class labels, but this dataset is a regression task; use meanSquaredError');
    return {
      task: 'regression', loss, lossFn, width, targetShape: outDims,
      encode: (y, i, o, off) => o.set(y.subarray(i * width, (i + 1) * width), off),
      predictedClass: argmax,
    };
  }

  const count = classCount(ds);
  checkLabels(ds, count);
  const names = Array.from({ length: count }, (_, i) => ds.classNames?.[i] ?? `class ${i}`);
  if (outDims.length !== 1)
    throw new Error(`classification needs an output of shape [batch, units] but the output layer gives [batch, ${outDims.join(', ')}]; add a Flatten before the last Dense`);
  const units = outDims[0]!;
  const [neg, pos] = loss === 'hinge' ? [-1, 1] : [0, 1];

  if (units === 1) {
    if (count > 2) throw new Error(`the dataset has ${count} classes but the output layer has 1 unit; give the last Dense ${count} units with softmax`);
    if (loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy')
      throw new Error(`${loss} needs one output unit per class (${count}) but the output layer has 1; use binaryCrossentropy with a sigmoid unit, or ${count} softmax units`);
    const threshold = loss === 'hinge' ? 0 : 0.5;
    return {
      task: 'classification', loss, lossFn, width: 1, targetShape: [1],
      encode: (y, i, o, off) => { o[off] = (y[i] ?? 0) >= 1 ? pos : neg; },
      classes: { count: 2, names: names.slice(0, 2), threshold },
      predictedClass: (p) => tf.cast(tf.greater(tf.reshape(p, [-1]), threshold), 'int32') as tf.Tensor1D,
    };
  }
  if (units < count)
    throw new Error(`the dataset has ${count} classes but the output layer has ${units} units; give the last Dense ${count} units`);
  const classes: ClassInfo = { count: units, names: Array.from({ length: units }, (_, i) => names[i] ?? `class ${i}`) };
  if (loss === 'sparseCategoricalCrossentropy')
    return {
      task: 'classification', loss, lossFn, width: 1, targetShape: [1],
      encode: (y, i, o, off) => { o[off] = y[i] ?? 0; },
      classes, predictedClass: argmax,
    };
  return {
    task: 'classification', loss, lossFn, width: units, targetShape: [units],
    encode: (y, i, o, off) => {
      o.fill(neg, off, off + units);
      o[off + (y[i] ?? 0)] = pos;
    },
    classes, predictedClass: argmax,
  };
}
