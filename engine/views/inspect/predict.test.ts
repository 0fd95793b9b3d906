import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Preprocessing } from '../../data/types.js';
import type { Project } from '../../project/types.js';
import { runInspect } from './index.js';
import type { InspectContext } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dense(inputs: number, units: number, activation: 'softmax' | 'sigmoid' | 'linear', kernel: number[], bias?: number[]) {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [inputs], units, activation })] });
  model.layers[0]!.setWeights([tf.tensor2d(kernel, [inputs, units]), tf.tensor1d(bias ?? new Array(units).fill(0))]);
  return model;
}

function ctxOf(model: tfl.LayersModel, ds: Partial<Dataset> & Pick<Dataset, 'task' | 'inputShape'>, preprocessing: Preprocessing): InspectContext {
  const empty = { x: new Float32Array(0), y: new Float32Array(0), count: 0 };
  const dataset: Dataset = { id: 't', name: 't', description: '', source: '', targetShape: [], train: empty, test: empty, preprocessing, ...ds };
  return { model, project: {} as Project, dataset, nodeIdOf: new Map(), run: null };
}

async function ask(ctx: InspectContext, params: unknown) {
  const a = await runInspect(ctx, { view: 'predict', params });
  if (a.view !== 'predict') throw new Error('wrong view');
  return a.value;
}

const softmax = (z: number[]) => {
  const e = z.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('the predict view', () => {
  it('scales raw tabular values as in training and names each class probability', async () => {
    // logits = [x1', x2', -x1' - x2'] on standardized x' = (x - [10, 20]) / [2, 5].
    const model = dense(2, 3, 'softmax', [1, 0, -1, 0, 1, -1]);
    const ctx = ctxOf(model, { task: 'classification', inputShape: [2], classNames: ['a', 'b', 'c'] }, { method: 'standardize', offset: [10, 20], divisor: [2, 5], from: 'test' });
    const r = await ask(ctx, { input: [14, 15] }); // scaled: [2, -1]
    expect(r.classes).toEqual(['a', 'b', 'c']);
    const want = softmax([2, -1, -1]);
    r.probabilities!.forEach((p, i) => expect(p).toBeCloseTo(want[i]!, 6));
    expect(r.predicted).toBe(0);
    expect(r.input).toEqual([14, 15]);
    expect(r.inputShape).toEqual([2]);
  });

  it('gives the regression outputs, and both probabilities of a single sigmoid', async () => {
    const reg = ctxOf(dense(1, 1, 'linear', [2], [1]), { task: 'regression', inputShape: [1], targetShape: [1] }, { method: 'scale', offset: [0], divisor: [4], from: 'test' });
    const r = await ask(reg, { input: [8] }); // 2 · 8/4 + 1
    expect(r.outputs[0]).toBeCloseTo(5, 6);
    expect(r.classes).toBeUndefined();
    expect(r.probabilities).toBeUndefined();

    const bin = ctxOf(dense(1, 1, 'sigmoid', [1]), { task: 'classification', inputShape: [1], classNames: ['no', 'yes'] }, { method: 'none', offset: [0], divisor: [1], from: 'test' });
    const b = await ask(bin, { input: [2] });
    const p = 1 / (1 + Math.exp(-2));
    expect(b.classes).toEqual(['no', 'yes']);
    expect(b.probabilities![0]).toBeCloseTo(1 - p, 6);
    expect(b.probabilities![1]).toBeCloseTo(p, 6);
    expect(b.predicted).toBe(1);
  });

  it('frames a drawing as MNIST before the model sees it', async () => {
    // Class 1 lights up on ink in the 28×28 field's middle (rows 10–17, columns 12–15) only.
    const kernel = new Array(784 * 10).fill(0);
    for (let y = 10; y < 18; y++) for (let x = 12; x < 16; x++) kernel[(y * 28 + x) * 10 + 1] = 1;
    const ctx = ctxOf(dense(784, 10, 'softmax', kernel), { task: 'classification', inputShape: [784], classNames: '0123456789'.split('') }, { method: 'pixels', offset: [0], divisor: [255], from: 'fixed' });

    // A vertical bar in the top-left corner of a 28×28 drawing.
    const pixels = new Array(784).fill(0);
    for (let y = 0; y < 12; y++) for (let x = 0; x < 3; x++) pixels[y * 28 + x] = 255;
    const raw = await ask(ctx, { input: pixels });
    raw.probabilities!.forEach((p) => expect(p).toBeCloseTo(0.1, 6)); // no ink in the middle
    expect(raw.input).toEqual(pixels);

    const drawn = await ask(ctx, { drawing: { width: 28, height: 28, pixels } });
    expect(drawn.predicted).toBe(1);
    expect(drawn.probabilities![1]).toBeGreaterThan(0.99);
    expect(drawn.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // What the model saw: the bar moved to the middle and stretched to 20 rows.
    expect(drawn.input).toHaveLength(784);
    expect(drawn.input[14 * 28 + 14]).toBe(255);
    expect(drawn.input[0]).toBe(0);
    expect(drawn.input.filter((v) => v > 0).length).toBeGreaterThan(36);
  });

  it('refuses a drawing for an input that is not 28×28, a wrong length, and both at once', async () => {
    const ctx = ctxOf(dense(2, 2, 'softmax', [1, 0, 0, 1]), { task: 'classification', inputShape: [2], classNames: ['a', 'b'] }, { method: 'none', offset: [0], divisor: [1], from: 'test' });
    await expect(ask(ctx, { drawing: { width: 2, height: 1, pixels: [0, 255] } })).rejects.toThrow("a drawing needs a 28×28 input; this run's is [2]");
    await expect(ask(ctx, { input: [1, 2, 3] })).rejects.toThrow('the input holds 3 values; the model takes [2] (2 values)');
    await expect(ask(ctx, { input: [1, 2], drawing: { width: 1, height: 1, pixels: [0] } })).rejects.toThrow('give either input or drawing');
    await expect(ask(ctx, { drawing: { width: 2, height: 2, pixels: [0] } })).rejects.toThrow('width × height');
  });
});
