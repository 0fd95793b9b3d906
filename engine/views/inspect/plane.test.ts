import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import type { Dataset } from '../../data/types.js';
import { blobs, chain, line } from '../../train/testkit.js';
import { classesOf } from '../classes.js';
import { planeFromWire, type CurveWire, type PlaneWire } from '../wire.js';
import { inspectContext, runInspect } from './index.js';
import { planeReply } from './plane.schema.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the plane view of a finished run', () => {
  it('a hand-set 2 → 2 → 1 network: the boundary is x1 = 0 and the hidden maps are named by node', async () => {
    const p = chain([2], [['Dense', { units: 2, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
    const { model } = compile(p, { tfl });
    // hidden = (tanh x1, tanh x2); out = sigmoid(10·h0): class 1 right of x1 = 0.
    model.setWeights([tf.tensor2d([[1, 0], [0, 1]]), tf.tensor1d([0, 0]), tf.tensor2d([[10], [0]]), tf.tensor1d([0])]);
    const ds: Dataset = { ...blobs(16, 1), classNames: ['left', 'right'] };
    const ans = await runInspect(inspectContext(model, p, ds), { view: 'plane', params: { res: 10 } });
    const w = planeReply.parse(ans.value) as PlaneWire;
    expect(w.kind).toBe('plane');
    const s = planeFromWire(w);
    expect(s.res).toBe(10);
    expect(s.hidden.map((h) => h.units)).toEqual([2]);
    const { cls } = classesOf(s);
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 10; c++) {
        const x = s.bounds.x0 + ((c + 0.5) / 10) * (s.bounds.x1 - s.bounds.x0);
        if (Math.abs(x) > 0.05) expect(cls[r * 10 + c], `cell ${r},${c} at x1 = ${x}`).toBe(x > 0 ? 1 : 0);
      }
    expect(new Set(s.train.label)).toEqual(new Set([0, 1]));
  });

  it('a 1-feature regression with two parameters: the fitted line and the cost surface around where it ended', async () => {
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError' });
    const { model } = compile(p, { tfl });
    model.setWeights([tf.tensor2d([[2]]), tf.tensor1d([0.5])]);
    const ds = line(16, 1);
    const w = planeReply.parse((await runInspect(inspectContext(model, p, ds), { view: 'plane', params: {} })).value) as CurveWire;
    expect(w.kind).toBe('curve');
    // θ₀ = 0.5, θ₁ = 2 on the model's (scaled) input.
    expect(w.cost!.path).toHaveLength(1);
    expect(w.cost!.path[0]![0]).toBeCloseTo(0.5, 4);
    expect(w.cost!.path[0]![1]).toBeCloseTo(2, 4);
    expect(w.cost!.theta0[0]).toBeLessThan(0.5);
    expect(w.cost!.theta0[1]).toBeGreaterThan(0.5);
  });

  it('does not apply to a dataset of more features', async () => {
    const p = chain([3], [['Dense', { units: 2, activation: 'softmax' }]]);
    const { model } = compile(p, { tfl });
    const b = blobs(8, 1);
    const ds: Dataset = { ...b, inputShape: [3], train: { ...b.train, x: new Float32Array(24) }, test: { ...b.test, x: new Float32Array(b.test.count * 3) } };
    await expect(runInspect(inspectContext(model, p, ds), { view: 'plane', params: {} })).rejects.toThrowError(/neither 2 features/);
  });
});
