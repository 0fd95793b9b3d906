// The run's model over its test split, once per loaded run: every example's predicted class
// by the evaluation's own rule (the head's predictedClass: argmax, or a single unit's
// `p > 0.5`), fed as evaluateModel feeds it, so counts taken from here are its confusion
// matrix. The `scores` and `cell` views both read it.
import * as tf from '@tensorflow/tfjs-core';
import { makeHead } from '../../compile/head.js';
import { disposeBatch, range } from '../../compile/feed.js';
import { feederFor } from '../../evaluate/evaluate.js';
import type { InspectContext } from './types.js';

export interface TestPredictions {
  count: number;
  classes: number;
  classNames: string[];
  /** True class per example. */
  actual: Int32Array;
  /** Predicted class per example (the evaluation's rule). */
  predicted: Int32Array;
  /** [count × classes] class probabilities (two classes from one unit: 1 − p, p). */
  probs: Float32Array;
  /** Two classes: the positive class's score, the value the run's rule compares to 0.5. */
  positive?: Float32Array;
}

const BATCH = 256;
const cache = new WeakMap<InspectContext, Promise<TestPredictions>>();

/** Why the views over predicted classes have nothing to show, or true. */
export function classifies(ctx: InspectContext): true | string {
  if (ctx.dataset.task !== 'classification') return `the dataset's task is ${ctx.dataset.task}, not classification`;
  if (ctx.model.outputs.length !== 1) return `the model has ${ctx.model.outputs.length} outputs; these views need one`;
  if (ctx.dataset.test.count === 0) return 'the test split has no examples';
  try {
    makeHead(ctx.project.training.loss, ctx.dataset, ctx.model.outputs[0]!.shape);
  } catch (e) {
    return (e as Error).message;
  }
  return true;
}

/** Softmax of a row when it is not already probabilities (outputs without a softmax). */
function asProbabilities(row: Float32Array): Float32Array {
  let sum = 0;
  let inRange = true;
  for (const v of row) {
    sum += v;
    if (!(v >= 0 && v <= 1)) inRange = false;
  }
  if (inRange && Math.abs(sum - 1) < 1e-3) return row;
  const max = Math.max(...row);
  const e = row.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

async function compute(ctx: InspectContext): Promise<TestPredictions> {
  const why = classifies(ctx);
  if (why !== true) throw new Error(why);
  const { model, dataset: ds } = ctx;
  const split = ds.test;
  const head = makeHead(ctx.project.training.loss, ds, model.outputs[0]!.shape);
  const k = head.classes!.count;
  const feeder = feederFor(model, head, ds, BATCH);
  const order = range(split.count);
  const actual = new Int32Array(split.count);
  const predicted = new Int32Array(split.count);
  const probs = new Float32Array(split.count * k);
  const single = head.classes!.threshold !== undefined;
  const positive = k === 2 ? new Float32Array(split.count) : undefined;
  for (let start = 0; start < split.count; start += BATCH) {
    const end = Math.min(split.count, start + BATCH);
    const batch = feeder.batch(split, order, start, end);
    try {
      const { out, cls } = tf.tidy(() => {
        const out = model.apply(batch.xs.length === 1 ? batch.xs[0]! : batch.xs, { training: false }) as tf.Tensor;
        return { out: tf.reshape(out, [end - start, -1]), cls: head.predictedClass(out) };
      });
      const [o, c] = await Promise.all([out.data() as Promise<Float32Array>, cls.data() as Promise<Int32Array>]);
      tf.dispose([out, cls]);
      const width = o.length / (end - start);
      for (let b = 0; b < end - start; b++) {
        const i = start + b;
        actual[i] = split.y[i]!;
        predicted[i] = c[b]!;
        if (single) {
          // One unit: its output is the positive score (a hinge unit's raw value through the
          // sigmoid, so its rule `> 0` is this score's `> 0.5`).
          const v = o[b]!;
          const p = head.classes!.threshold === 0 ? 1 / (1 + Math.exp(-v)) : v;
          probs[i * 2] = 1 - p;
          probs[i * 2 + 1] = p;
          positive![i] = p;
        } else {
          const row = asProbabilities(o.subarray(b * width, b * width + k));
          probs.set(row, i * k);
          if (positive) positive[i] = row[1]!;
        }
      }
    } finally {
      disposeBatch(batch);
    }
  }
  return { count: split.count, classes: k, classNames: head.classes!.names, actual, predicted, probs, ...(positive ? { positive } : {}) };
}

/** The test split's predictions of the context's model (computed on first use, then kept). */
export function testPredictions(ctx: InspectContext): Promise<TestPredictions> {
  let p = cache.get(ctx);
  if (!p) {
    p = compute(ctx);
    cache.set(ctx, p);
    p.catch(() => cache.delete(ctx));
  }
  return p;
}

/** Seven significant digits keep a float32's side of 0.5 (its neighbours there differ in the
 *  eighth), so `> 0.5` on the wire agrees with the model's own comparison. */
export const round7 = (v: number) => Number(v.toPrecision(7));
