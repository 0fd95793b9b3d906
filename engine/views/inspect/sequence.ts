// A sequence model's input, target and prediction per test sample (see ./sequence.schema.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { InspectParams, InspectReply } from './schemas.js';
import { rawExample } from './samples.js';
import type { InspectCompute, InspectContext } from './types.js';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const round = (v: number) => (Number.isInteger(v) ? v : Number(v.toPrecision(6)));

function whyNot({ model, dataset: ds }: InspectContext): string | null {
  if (ds.task !== 'sequence') return `this run's task is ${ds.task}; the sequence view is for sequence data (windows of a wave, as in the LSTM template)`;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return `the sequence view needs one input and one output; this model has ${model.inputs.length} and ${model.outputs.length}`;
  const out = model.outputs[0]!.shape.slice(1);
  const k = Math.max(1, prod(ds.targetShape));
  if (out.some((d) => d === null) || prod(out as number[]) !== k) return `its output has ${out.join('×')} values per example and the target ${k}`;
  return null;
}

export const sequence: InspectCompute<InspectParams<'sequence'>, InspectReply<'sequence'>> = {
  applies: (ctx) => whyNot(ctx) ?? true,
  async compute({ model, dataset: ds }, p) {
    const bad = p.samples.find((i) => i >= ds.test.count);
    if (bad !== undefined) throw new Error(`sample ${bad} is past the test split's ${ds.test.count} examples`);
    const w = prod(ds.inputShape);
    const k = Math.max(1, prod(ds.targetShape));
    // A window of one feature per step may come as [steps] or [steps, 1].
    const steps = ds.inputShape[0] ?? 1;
    const features = w / steps;
    const x = new Float32Array(p.samples.length * w);
    p.samples.forEach((r, j) => x.set(ds.test.x.subarray(r * w, (r + 1) * w), j * w));
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    const out = tf.tidy(() => (model.predict(tf.tensor(x, [p.samples.length, ...shape])) as tf.Tensor).reshape([p.samples.length, k]));
    let pred: Float32Array;
    try {
      pred = (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
    let se = 0;
    const items = p.samples.map((index, j) => {
      const raw = rawExample(ds, ds.test, index);
      // Targets are never scaled by loading (only the inputs are), so they and the predictions
      // are already in the data's own units.
      const target = Array.from(ds.test.y.subarray(index * k, (index + 1) * k));
      const prediction = Array.from(pred.subarray(j * k, (j + 1) * k));
      target.forEach((t, i) => (se += (t - prediction[i]!) ** 2));
      return {
        index,
        input: Array.from({ length: steps }, (_, t) => Array.from(raw.subarray(t * features, (t + 1) * features), round)),
        target: target.map(round),
        prediction: prediction.map(round),
      };
    });
    return { inputShape: ds.inputShape, targetShape: ds.targetShape, steps, features, testCount: ds.test.count, mse: se / (p.samples.length * k), items };
  },
};
