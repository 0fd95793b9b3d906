// The fast gradient sign method (Goodfellow et al., 2015), the lecture's panda → gibbon:
//   x_adv = clip(x + ε · sign(∇ₓ J(θ, x, y)))
// with J the run's loss, the gradient taken with respect to the model's input (tf.grad), ε in
// the units of that input (the dataset's scaling applied: MNIST pixels / 255, so ε = 0.1 is a
// tenth of the pixel range), and the result clipped to what a real image can be (the scaled
// image of raw 0–255). Examples are flat rows of the dataset's features; they are cut and
// reshaped to the model's Input nodes the way compile/feed.ts feeds them in training.
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type Head, makeHead } from '../compile/head.js';
import type { Dataset, Split } from '../data/types.js';
import type { LossName } from '../project/types.js';

/** The lecture's curve: test accuracy at these ε (in the model's input units). */
export const DEFAULT_EPSILONS = [0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];

/** Keeps log() finite at p = 0 without Keras's clip to [1e-7, 1 − 1e-7]: a clip has zero
 *  gradient, so a confident prediction (p > 1 − 1e-7, common on MNIST) would give sign 0
 *  everywhere and FGSM would not move the image at all. */
const TINY = 1e-30;

/** Per feature (or one for all) bounds of the model's input: the raw range mapped through the
 *  dataset's scaling, x' = (x − offset) / divisor. */
export interface InputRange {
  lo: Float32Array;
  hi: Float32Array;
}

/** The raw range of an image dataset: 0–255 pixels (every image source stores bytes). */
export const PIXEL_RANGE: [number, number] = [0, 255];

export function scaledRange(ds: Pick<Dataset, 'preprocessing' | 'inputShape'>, raw: [number, number] = PIXEL_RANGE): InputRange {
  const p = ds.preprocessing;
  const width = ds.inputShape.reduce((a, b) => a * b, 1);
  const lo = new Float32Array(width);
  const hi = new Float32Array(width);
  for (let i = 0; i < width; i++) {
    const k = !p || p.offset.length === 1 ? 0 : i;
    const off = p?.offset[k] ?? 0;
    const div = p?.divisor[k] ?? 1;
    const a = (raw[0] - off) / div;
    const b = (raw[1] - off) / div;
    lo[i] = Math.min(a, b);
    hi[i] = Math.max(a, b);
  }
  return { lo, hi };
}

/** J summed over the batch (the sum, not the mean: each example's gradient is its own, and a
 *  mean over a big batch would only shrink it towards underflow). The crossentropies are the
 *  run's own (Keras's normalisation of p included) without the clip, see TINY. */
export function fgsmObjective(loss: LossName, lossFn: Head['lossFn'], yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  const n = yPred.shape[0] ?? 1;
  switch (loss) {
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy': {
      const classes = yPred.shape[yPred.shape.length - 1]!;
      const oneHot = loss === 'sparseCategoricalCrossentropy' ? tf.oneHot(tf.cast(tf.reshape(yTrue, [-1]), 'int32'), classes) : yTrue;
      const p = tf.div(yPred, tf.sum(yPred, -1, true));
      return tf.neg(tf.sum(tf.mul(oneHot, tf.log(tf.add(p, TINY))))) as tf.Scalar;
    }
    case 'binaryCrossentropy':
      return tf.neg(tf.sum(tf.add(tf.mul(yTrue, tf.log(tf.add(yPred, TINY))), tf.mul(tf.sub(1, yTrue), tf.log(tf.add(tf.sub(1, yPred), TINY)))))) as tf.Scalar;
    default:
      return tf.mul(lossFn(yTrue, yPred), n) as tf.Scalar;
  }
}

/** A model and its head, ready to attack flat rows of a dataset's features. */
export class Fgsm {
  readonly head: Head;
  readonly exampleSize: number;
  private readonly shapes: number[][];
  private readonly sizes: number[];
  private readonly splitAcross: boolean;

  constructor(
    readonly model: LayersModel,
    loss: LossName,
    ds: Pick<Dataset, 'task' | 'targetShape' | 'classNames' | 'train' | 'test' | 'inputShape'>,
    readonly range: InputRange,
  ) {
    const out = model.outputs[0]!.shape;
    this.head = makeHead(loss, ds, out);
    if (this.head.task !== 'classification' || !this.head.classes) throw new Error('FGSM needs a classification model');
    this.exampleSize = ds.inputShape.reduce((a, b) => a * b, 1);
    this.shapes = model.inputs.map((t) => t.shape.slice(1).map((d) => d ?? 0));
    this.sizes = this.shapes.map((s) => s.reduce((a, b) => a * b, 1));
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.splitAcross = total === this.exampleSize;
    if (!this.splitAcross && !this.sizes.every((s) => s === this.exampleSize))
      throw new Error(`the model's inputs take ${total} values per example, the dataset gives ${this.exampleSize}`);
    if (range.lo.length !== this.exampleSize || range.hi.length !== this.exampleSize) throw new Error(`the input range has ${range.lo.length} features, the examples ${this.exampleSize}`);
  }

  /** The model's output for flat rows x [n, features] (as feed.ts cuts them for each Input). */
  apply(x: tf.Tensor2D): tf.Tensor {
    const n = x.shape[0];
    let offset = 0;
    const xs = this.shapes.map((shape, i) => {
      const part = this.splitAcross ? tf.slice(x, [0, offset], [n, this.sizes[i]!]) : x;
      offset += this.sizes[i]!;
      return tf.reshape(part, [n, ...shape]);
    });
    const y = this.model.apply(xs.length === 1 ? xs[0]! : xs, { training: false }) as tf.Tensor | tf.Tensor[];
    return Array.isArray(y) ? y[0]! : y;
  }

  /** The targets of split rows `rows` encoded for the loss, [n, ...head.targetShape]. */
  targets(split: Split, rows: ArrayLike<number>): tf.Tensor {
    const buf = new Float32Array(rows.length * this.head.width);
    for (let b = 0; b < rows.length; b++) this.head.encode(split.y, rows[b]!, buf, b * this.head.width);
    return tf.tensor(buf, [rows.length, ...this.head.targetShape]);
  }

  /** sign(∇ₓ J(θ, x, y)) for flat rows x [n, features]: −1, 0 or +1 per feature. */
  gradientSign(x: tf.Tensor2D, yTrue: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const g = tf.grad((xi: tf.Tensor) => fgsmObjective(this.head.loss, this.head.lossFn, yTrue, this.apply(xi as tf.Tensor2D)))(x);
      return tf.sign(g) as tf.Tensor2D;
    });
  }

  /** clip(x + ε · sign) to the input's valid range. */
  perturb(x: tf.Tensor2D, sign: tf.Tensor2D, epsilon: number): tf.Tensor2D {
    return tf.tidy(() => {
      const lo = tf.tensor2d(this.range.lo, [1, this.exampleSize]);
      const hi = tf.tensor2d(this.range.hi, [1, this.exampleSize]);
      return tf.minimum(tf.maximum(tf.add(x, tf.mul(sign, epsilon)), lo), hi) as tf.Tensor2D;
    });
  }

  /** The adversarial examples x_adv of flat rows x for targets yTrue. */
  attack(x: tf.Tensor2D, yTrue: tf.Tensor, epsilon: number): tf.Tensor2D {
    return tf.tidy(() => this.perturb(x, this.gradientSign(x, yTrue), epsilon));
  }

  /** Class probabilities [n, classes] from the output (one sigmoid unit → [1 − p, p]). */
  probabilities(yPred: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const p = tf.reshape(yPred, [yPred.shape[0]!, -1]) as tf.Tensor2D;
      return p.shape[1] === 1 ? (tf.concat([tf.sub(1, p), p], 1) as tf.Tensor2D) : p;
    });
  }

  /** Flat rows `rows` of a split as a tensor [n, features]. */
  rows(split: Split, rows: ArrayLike<number>): tf.Tensor2D {
    const w = this.exampleSize;
    const buf = new Float32Array(rows.length * w);
    for (let b = 0; b < rows.length; b++) buf.set(split.x.subarray(rows[b]! * w, (rows[b]! + 1) * w), b * w);
    return tf.tensor2d(buf, [rows.length, w]);
  }
}

export interface AccuracyPoint {
  epsilon: number;
  accuracy: number;
  correct: number;
}

/** Accuracy on `limit` examples of `split` from `offset` on, at each ε, in batches: the
 *  gradient's sign does not depend on ε, so each batch takes one gradient and one forward pass
 *  per ε. */
export async function accuracyAgainstEpsilon(f: Fgsm, split: Split, epsilons: readonly number[], limit = split.count, batchSize = 128, offset = 0): Promise<{ samples: number; points: AccuracyPoint[] }> {
  const from = Math.min(offset, split.count);
  const n = Math.max(0, Math.min(limit, split.count - from));
  const correct = new Array<number>(epsilons.length).fill(0);
  for (let start = 0; start < n; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, n - start) }, (_, k) => from + start + k);
    const hits = tf.tidy(() => {
      const x = f.rows(split, rows);
      const y = f.targets(split, rows);
      const labels = tf.tensor1d(rows.map((r) => split.y[r]!), 'int32');
      const sign = f.gradientSign(x, y);
      return tf.stack(epsilons.map((e) => tf.sum(tf.cast(tf.equal(f.head.predictedClass(f.apply(f.perturb(x, sign, e))), labels), 'int32'))));
    });
    const counts = await hits.data();
    hits.dispose();
    counts.forEach((c, i) => (correct[i]! += c));
  }
  return { samples: n, points: epsilons.map((epsilon, i) => ({ epsilon, correct: correct[i]!, accuracy: n ? correct[i]! / n : 0 })) };
}
