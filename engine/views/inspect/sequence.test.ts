import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import { loadDataset } from '../../data/load.js';
import type { Dataset } from '../../data/types.js';
import { blobs, chain } from '../../train/testkit.js';
import { startTraining } from '../../train/train.js';
import { inspectContext, runInspect } from './index.js';
import type { InspectReply } from './schemas.js';
import { sequenceReply } from './sequence.schema.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const ask = async (model: tfl.LayersModel, p: Parameters<typeof inspectContext>[1], ds: Dataset, params: Record<string, unknown> = {}) =>
  sequenceReply.parse((await runInspect(inspectContext(model, p, ds), { view: 'sequence', params })).value) as InspectReply<'sequence'>;

describe('the sequence view', () => {
  it('a hand-set "repeat the last step" network: inputs unscaled, targets and predictions as stored', async () => {
    const p = chain([4, 1], [['Flatten', {}], ['Dense', { units: 1 }]]);
    const { model } = compile(p, { tfl });
    model.setWeights([tf.tensor2d([[0], [0], [0], [1]]), tf.tensor1d([0])]);
    const windows = [
      [1, 3, 5, 7],
      [9, 7, 5, 3],
      [2, 2, 2, 2],
    ];
    const targets = [9, 1, 2];
    // Loading scaled the inputs as x' = (x − 1) / 2; targets are not scaled.
    const test = { x: Float32Array.from(windows.flat(), (v) => (v - 1) / 2), y: Float32Array.from(targets), count: 3 };
    const ds: Dataset = {
      id: 's', name: 's', description: '', source: 'test', task: 'sequence', inputShape: [4, 1], targetShape: [1],
      train: test, test, preprocessing: { method: 'scale', offset: [1], divisor: [2], from: 'test' },
    };
    const r = await ask(model, p, ds, { samples: [2, 0] });
    expect([r.steps, r.features, r.testCount]).toEqual([4, 1, 3]);
    expect(r.items.map((i) => i.index)).toEqual([2, 0]);
    expect(r.items[1]!.input).toEqual([[1], [3], [5], [7]]);
    expect(r.items[0]!.input).toEqual([[2], [2], [2], [2]]);
    expect(r.items.map((i) => i.target)).toEqual([[2], [9]]);
    // The network repeats the last scaled step: (2 − 1)/2 = 0.5 and (7 − 1)/2 = 3.
    expect(r.items[0]!.prediction[0]).toBeCloseTo(0.5, 5);
    expect(r.items[1]!.prediction[0]).toBeCloseTo(3, 5);
    expect(r.mse).toBeCloseTo(((2 - 0.5) ** 2 + (9 - 3) ** 2) / 2, 4);
    expect((await ask(model, p, ds)).items.map((i) => i.index)).toEqual([0, 1, 2]);
    await expect(ask(model, p, ds, { samples: [3] })).rejects.toThrow(/sample 3 is past the test split's 3 examples/);
    model.dispose();
  });

  it('does not apply to a classifier, and says so', async () => {
    const p = chain([2], [['Dense', { units: 2, activation: 'softmax' }]]);
    const { model } = compile(p, { tfl });
    const about = await runInspect(inspectContext(model, p, blobs(8, 1)), { view: 'about', params: {} });
    expect((about.value as InspectReply<'about'>).views.sequence).toMatch(/task is classification; the sequence view is for sequence data/);
    model.dispose();
  });

  it('a small LSTM trained briefly on the sine windows predicts the next value better than the mean does', async () => {
    const ds = await loadDataset({ id: 'sine', options: { size: 160 } }, { seed: 4 });
    const p = chain([20, 1], [['LSTM', { units: 8 }], ['Dense', { units: 1 }]], {
      loss: 'meanSquaredError', metrics: [], epochs: 8, batchSize: 16, seed: 4, optimizer: { kind: 'adam', learningRate: 0.02 },
    });
    const { model, status } = await startTraining({ project: p, dataset: ds, backend: 'cpu', batchEvery: 1000 }).done;
    expect(status).toBe('finished');
    const samples = Array.from({ length: 20 }, (_, i) => i);
    const r = await ask(model!, p, ds, { samples });
    const ts = r.items.map((i) => i.target[0]!);
    const mean = ts.reduce((a, b) => a + b, 0) / ts.length;
    const variance = ts.reduce((a, t) => a + (t - mean) ** 2, 0) / ts.length;
    expect(r.mse).toBeLessThan(0.25 * variance);
    // The windows are the generator's own values: a sine of amplitude 1 plus 2 % noise.
    for (const it of r.items) for (const [v] of it.input) expect(Math.abs(v!)).toBeLessThan(1.2);
    model!.dispose();
  });
});
