import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.js';
import type { Dataset } from '../data/types.js';
import { chain, split } from '../train/testkit.js';
import { evaluateModel } from './evaluate.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function fixedModel(project: ReturnType<typeof chain>, kernel: number, bias: number) {
  const { model } = compile(project, { tfl });
  model.getLayer('l1').setWeights([tf.tensor2d([[kernel]]), tf.tensor1d([bias])]);
  return model;
}

describe('evaluateModel', () => {
  it('classification: loss, accuracy, confusion matrix and per-class metrics over several batches', async () => {
    // Predicts class 1 exactly when x > 0.
    const p = chain([1], [['Dense', { units: 1, activation: 'sigmoid' }]], { loss: 'binaryCrossentropy' });
    const model = fixedModel(p, 1, 0);
    const xs = [-1, -2, 1, 2, 3];
    const ys = [0, 1, 1, 1, 0];
    const reps = 100; // 500 rows: more than one evaluation batch
    const s = split(Array.from({ length: reps }, () => xs.map((x) => [x])).flat(), Array.from({ length: reps }, () => ys).flat());
    const ds: Dataset = { id: 't', name: 't', description: '', source: 'test', task: 'classification', inputShape: [1], targetShape: [], classNames: ['neg', 'pos'], train: s, test: s };
    const e = await evaluateModel(model, p, ds.test, ds);
    // true 0: x=-1 → 0, x=3 → 1; true 1: x=-2 → 0, x=1, 2 → 1
    expect(e.confusion).toEqual([[reps, reps], [reps, 2 * reps]]);
    expect(e.accuracy).toBeCloseTo(3 / 5, 6);
    expect(e.classNames).toEqual(['neg', 'pos']);
    expect(e.perClass![1]).toMatchObject({ name: 'pos', support: 3 * reps });
    expect(e.perClass![1]!.precision).toBeCloseTo(2 / 3, 6);
    expect(e.perClass![1]!.recall).toBeCloseTo(2 / 3, 6);
    expect(e.perClass![0]!.precision).toBeCloseTo(1 / 2, 6);
    expect(e.macro!.recall).toBeCloseTo((1 / 2 + 2 / 3) / 2, 6);
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    const bce = xs.map((x, i) => -(ys[i]! ? Math.log(sig(x)) : Math.log(1 - sig(x)))).reduce((a, b) => a + b, 0) / xs.length;
    expect(e.loss).toBeCloseTo(bce, 4);
    expect(e.mae).toBeUndefined();
    model.dispose();
  });

  it('regression: loss and mean absolute error', async () => {
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError' });
    const model = fixedModel(p, 2, 1); // y = 2x + 1
    const s = split([[0], [1], [2]], [1, 4, 4]); // predictions 1, 3, 5
    const ds: Dataset = { id: 'r', name: 'r', description: '', source: 'test', task: 'regression', inputShape: [1], targetShape: [1], train: s, test: s };
    const e = await evaluateModel(model, p, ds.test, ds);
    expect(e.loss).toBeCloseTo(2 / 3, 6);
    expect(e.mae).toBeCloseTo(2 / 3, 6);
    expect(e.accuracy).toBeUndefined();
    model.dispose();
  });

  it('leaves no tensors behind', async () => {
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError' });
    const model = fixedModel(p, 2, 1);
    const s = split([[0], [1], [2]], [1, 4, 4]);
    const ds: Dataset = { id: 'r', name: 'r', description: '', source: 'test', task: 'regression', inputShape: [1], targetShape: [1], train: s, test: s };
    await evaluateModel(model, p, ds.test, ds);
    const before = tf.memory().numTensors;
    await evaluateModel(model, p, ds.test, ds);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('evaluation loss with weight decay', () => {
  it('adds the regularization terms, as Keras does: l2·Σw² on top of the data loss', async () => {
    const plain = chain([1], [['Dense', { units: 1, activation: 'linear' }]], { loss: 'meanSquaredError' });
    const decayed = chain([1], [['Dense', { units: 1, activation: 'linear', kernelRegularizer: { l2: 0.5 } }]], { loss: 'meanSquaredError' });
    const s = split([[1], [2], [3]], [1, 1, 1]);
    const ds: Dataset = { id: 't', name: 't', description: '', source: 'test', task: 'regression', inputShape: [1], targetShape: [1], train: s, test: s };
    // kernel 2, bias 0: predictions 2, 4, 6 against 1 → mse (1 + 9 + 25) / 3; decay 0.5 · 2².
    const mse = (1 + 9 + 25) / 3;
    expect((await evaluateModel(fixedModel(plain, 2, 0), plain, s, ds)).loss).toBeCloseTo(mse, 5);
    expect((await evaluateModel(fixedModel(decayed, 2, 0), decayed, s, ds)).loss).toBeCloseTo(mse + 0.5 * 4, 5);
  });
});
