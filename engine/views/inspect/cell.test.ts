import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compile/compile.js';
import { loadDataset } from '../../data/load.js';
import type { Dataset } from '../../data/types.js';
import { evaluateModel } from '../../evaluate/evaluate.js';
import { confusionAtThreshold } from '../../evaluate/threshold.js';
import { blobs, chain, split } from '../../train/testkit.js';
import { startTraining } from '../../train/train.js';
import { inspectContext, runInspect } from './index.js';
import type { InspectContext } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function ask<T>(ctx: InspectContext, view: string, params: unknown): Promise<T> {
  return (await runInspect(ctx, { view, params })).value as T;
}

type Cell = { total: number; items: { index: number; confidence: number; positive?: number; x: number[] }[]; featureNames?: string[] };
type Scores = { count: number; actual: number[]; predicted: number[]; positive?: number[]; confidence?: number[]; probs?: number[][] };

/** Every cell's total, asked one cell at a time. */
async function cellTotals(ctx: InspectContext, k: number, threshold?: number): Promise<number[][]> {
  const m: number[][] = [];
  for (let a = 0; a < k; a++) {
    m.push([]);
    for (let p = 0; p < k; p++) m[a]!.push((await ask<Cell>(ctx, 'cell', { actual: a, predicted: p, limit: 1, ...(threshold === undefined ? {} : { threshold }) })).total);
  }
  return m;
}

describe('cell and scores on a fixed sigmoid unit (predicts 1 exactly when x > 0)', () => {
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const p = chain([1], [['Dense', { units: 1, activation: 'sigmoid' }]], { loss: 'binaryCrossentropy' });
  const s = split([[-1], [-2], [1], [2], [3]], [0, 1, 1, 1, 0]);
  const ds: Dataset = { id: 't', name: 't', description: '', source: 'test', task: 'classification', inputShape: [1], targetShape: [], classNames: ['neg', 'pos'], featureNames: ['x'], train: s, test: s };
  let ctx: InspectContext;
  beforeAll(() => {
    const { model } = compile(p, { tfl });
    model.getLayer('l1').setWeights([tf.tensor2d([[1]]), tf.tensor1d([0])]);
    ctx = inspectContext(model, p, ds);
  });

  it('a cell holds its examples, raw, most confident first, with their confidence', async () => {
    // true 0 predicted 1: x = 3 only; true 1 predicted 1: x = 1 and 2, 2 the surer.
    const fp = await ask<Cell>(ctx, 'cell', { actual: 0, predicted: 1 });
    expect(fp.total).toBe(1);
    expect(fp.featureNames).toEqual(['x']);
    expect(fp.items.map((i) => i.x)).toEqual([[3]]);
    expect(fp.items[0]!.confidence).toBeCloseTo(sig(3), 5);
    const tp = await ask<Cell>(ctx, 'cell', { actual: 1, predicted: 1 });
    expect(tp.items.map((i) => i.index)).toEqual([3, 2]);
    // Predicted negative: the confidence is that of class 0, 1 − p.
    const fn = await ask<Cell>(ctx, 'cell', { actual: 1, predicted: 0 });
    expect(fn.items.map((i) => i.x)).toEqual([[-2]]);
    expect(fn.items[0]!.confidence).toBeCloseTo(1 - sig(-2), 5);
    expect(fn.items[0]!.positive).toBeCloseTo(sig(-2), 5);
    expect(await cellTotals(ctx, 2)).toEqual([[1, 1], [1, 2]]);
  });

  it('a threshold moves the cells: at σ(1.5) the x = 1 positive is no longer flagged', async () => {
    expect(await cellTotals(ctx, 2, sig(1.5))).toEqual([[1, 1], [2, 1]]);
    const fn = await ask<Cell>(ctx, 'cell', { actual: 1, predicted: 0, threshold: sig(1.5) });
    expect(fn.items.map((i) => i.x).sort()).toEqual([[-2], [1]]);
  });

  it('scores: the positive probability and true class of every test example', async () => {
    const r = await ask<Scores>(ctx, 'scores', {});
    expect(r.count).toBe(5);
    expect(r.actual).toEqual([0, 1, 1, 1, 0]);
    expect(r.predicted).toEqual([0, 0, 1, 1, 1]);
    [-1, -2, 1, 2, 3].forEach((x, i) => expect(r.positive![i]).toBeCloseTo(sig(x), 6));
    const page = await ask<Scores>(ctx, 'scores', { offset: 3, limit: 10 });
    expect(page.actual).toEqual([1, 0]);
  });

  it('refuses a class the run does not have', async () => {
    await expect(ask(ctx, 'cell', { actual: 2, predicted: 0 })).rejects.toThrow(/actual class 2 is not one of the run's 2 classes/);
  });
});

describe('on trained runs the cells add up to the evaluation\'s confusion matrix', () => {
  it('logistic regression on the skewed set (2 % positives): cell totals and scores at 0.5 equal evaluateModel', async () => {
    const ds = await loadDataset({ id: 'skewed', options: { size: 1500 } }, { seed: 1 });
    const p = chain([2], [['Dense', { units: 1, activation: 'sigmoid' }]], { loss: 'binaryCrossentropy', optimizer: { kind: 'adam', learningRate: 0.05 }, epochs: 5, batchSize: 32, seed: 1 });
    const { model } = await startTraining({ project: p, dataset: ds, backend: 'cpu', batchEvery: 1000 }).done;
    const ctx = inspectContext(model!, p, ds);
    const ev = await evaluateModel(model!, p, ds.test, ds);
    const totals = await cellTotals(ctx, 2);
    expect(totals).toEqual(ev.confusion);
    // Trained enough to flag some positives, so both columns are counted.
    expect(ev.confusion![1]![1]).toBeGreaterThan(0);
    expect(totals.flat().reduce((a, b) => a + b, 0)).toBe(ds.test.count);
    const r = await ask<Scores>(ctx, 'scores', {});
    expect(confusionAtThreshold(r.positive!, r.actual, 0.5)).toEqual(ev.confusion);
    // A lower threshold flags at least as many examples.
    const low = confusionAtThreshold(r.positive!, r.actual, 0.05);
    expect(low[0]![1]! + low[1]![1]!).toBeGreaterThanOrEqual(ev.confusion![0]![1]! + ev.confusion![1]![1]!);
    expect(await cellTotals(ctx, 2, 0.05)).toEqual(low);
    model!.dispose();
  });

  it('softmax over three blobs: cell totals equal evaluateModel, probabilities sum to 1', async () => {
    const ds = blobs(120, 4, 3);
    const p = chain([2], [['Dense', { units: 3, activation: 'softmax' }]], { loss: 'categoricalCrossentropy', epochs: 2, batchSize: 16, seed: 2 });
    const { model } = await startTraining({ project: p, dataset: ds, backend: 'cpu', batchEvery: 1000 }).done;
    const ctx = inspectContext(model!, p, ds);
    const ev = await evaluateModel(model!, p, ds.test, ds);
    expect(await cellTotals(ctx, 3)).toEqual(ev.confusion);
    const r = await ask<Scores>(ctx, 'scores', {});
    expect(r.positive).toBeUndefined();
    expect(r.probs).toHaveLength(ds.test.count);
    for (const [i, row] of r.probs!.entries()) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(row.indexOf(Math.max(...row))).toBe(r.predicted[i]);
      expect(r.confidence![i]).toBeCloseTo(Math.max(...row), 6);
    }
    await expect(ask(ctx, 'cell', { actual: 0, predicted: 0, threshold: 0.5 })).rejects.toThrow(/a threshold needs two classes; this run has 3/);
    model!.dispose();
  });
});
