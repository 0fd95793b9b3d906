import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/index.js';
import { compile } from '../compile/compile.js';
import { loadDataset } from '../data/load.js';
import type { Dataset } from '../data/types.js';
import { blobs, chain, line, xorDataset } from '../train/testkit.js';
import { classesOf, planeProbe } from './boundary.js';
import { costAt, costSurface, leastSquares, twoParams } from './costSurface.js';
import { engineerRows, parseFeatures } from './engineered.js';
import { liveViews, type ViewSnapshot } from './live.js';
import { gridPoints, isCurveDataset, isPlaneDataset, modelInputs, planeBounds } from './plane.js';
import { curveProbe } from './regression.js';
import { planeFromWire, toWire, type PlaneWire } from './wire.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Input(2) → Dense(2, tanh) 'hidden' → Dense(1, sigmoid) 'out', weights set by hand. */
function handModel() {
  const p = chain([2], [['Dense', { units: 2, activation: 'tanh' }], ['Dense', { units: 1, activation: 'sigmoid' }]]);
  const c = compile(p, { tfl });
  // hidden unit 0 = tanh(x1), unit 1 = tanh(x2); out = sigmoid(10·h0): class 1 right of x1 = 0.
  c.model.setWeights([tf.tensor2d([[1, 0], [0, 1]]), tf.tensor1d([0, 0]), tf.tensor2d([[10], [0]]), tf.tensor1d([0])]);
  return { p, c };
}

describe('the decision boundary and the neuron maps', () => {
  it('a hand-set network: the boundary is x1 = 0 and each hidden map is its unit tanh(x1), tanh(x2)', () => {
    const { p, c } = handModel();
    const ds: Dataset = { ...blobs(16, 1), classNames: ['left', 'right'] };
    const probe = planeProbe(c.model, ds, p, c.nodeIdOf, 8)!;
    const s = probe.snapshot();
    const b = planeBounds(ds);
    expect(s.bounds).toEqual(b);
    const pts = gridPoints(b, 8);
    const { cls, conf } = classesOf(s);
    for (let i = 0; i < 64; i++) {
      const [x1, x2] = [pts[2 * i]!, pts[2 * i + 1]!];
      expect(cls[i]).toBe(x1 >= 0 ? 1 : 0);
      expect(s.output.values[i]).toBeCloseTo(1 / (1 + Math.exp(-10 * Math.tanh(x1))), 5);
      expect(conf[i]).toBeGreaterThanOrEqual(0.5);
      expect(s.hidden[0]!.values[i]).toBeCloseTo(Math.tanh(x1), 5);
      expect(s.hidden[0]!.values[64 + i]).toBeCloseTo(Math.tanh(x2), 5);
    }
    expect(s.hidden.map((h) => [h.nodeId, h.units])).toEqual([['l1', 2]]);
    expect(s.output.nodeId).toBe('l2');
    expect(s.train.xy.length).toBe(32);
    // Row 0 is the top of the plane: its points have the largest x2.
    expect(pts[1]).toBeGreaterThan(pts[2 * 63 + 1]!);
    probe.dispose();
    c.model.dispose();
  });

  it('softmax outputs give one map per class; the predicted class is the largest', () => {
    const p = chain([2], [['Dense', { units: 3, activation: 'softmax' }]]);
    const c = compile(p, { tfl });
    c.model.setWeights([tf.tensor2d([[1, 0, -1], [0, 0, 0]]), tf.tensor1d([0, 0.5, 0])]);
    const ds = blobs(30, 2, 3);
    const s = planeProbe(c.model, ds, p, c.nodeIdOf, 6)!.snapshot();
    expect(s.output.units).toBe(3);
    expect(s.hidden).toEqual([]);
    const pts = gridPoints(s.bounds, 6);
    const { cls } = classesOf(s);
    for (let i = 0; i < 36; i++) {
      const x1 = pts[2 * i]!;
      const logits = [x1, 0.5, -x1];
      expect(cls[i]).toBe(logits.indexOf(Math.max(...logits)));
    }
    c.model.dispose();
  });

  it('survives the wire: maps come back within one quantisation step', () => {
    const { p, c } = handModel();
    const s = planeProbe(c.model, blobs(16, 1), p, c.nodeIdOf, 8)!.snapshot();
    const back = planeFromWire(JSON.parse(JSON.stringify(toWire(s))) as PlaneWire);
    const step = (s.hidden[0]!.hi - s.hidden[0]!.lo) / 255;
    back.hidden[0]!.values.forEach((v, i) => expect(Math.abs(v - s.hidden[0]!.values[i]!)).toBeLessThanOrEqual(step));
    expect(Array.from(back.train.label)).toEqual(Array.from(s.train.label));
    c.model.dispose();
  });

  it('says which datasets are planes and which are curves', () => {
    expect(isPlaneDataset(xorDataset())).toBe(true);
    expect(isCurveDataset(line(10, 1))).toBe(true);
    expect(isPlaneDataset(line(10, 1))).toBe(false);
  });
});

describe('engineered inputs', () => {
  it('appends x1², x2², x1·x2, sin(x1), sin(x2) in the order asked', () => {
    const out = engineerRows(Float32Array.from([2, 3, -1, 0.5]), 2, ['x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)']);
    expect(Array.from(out)).toEqual([2, 3, 4, 9, 6, Math.sin(2), Math.sin(3), -1, 0.5, 1, 0.25, -0.5, Math.sin(-1), Math.sin(0.5)].map((v) => Math.fround(v)));
    expect(parseFeatures(['x3^2'])).toEqual({ error: expect.stringMatching(/unknown feature "x3\^2"; known are x1\^2, x2\^2/) });
  });

  it('the loader appends them before scaling, and the grid inputs match the loaded rows', async () => {
    const ds = await loadDataset({ id: 'circles', options: { engineered: ['x1^2', 'x2^2'], preprocess: 'meanNorm' } });
    expect(ds.inputShape).toEqual([4]);
    expect(ds.featureNames?.slice(2)).toEqual(['x1^2', 'x2^2']);
    expect(isPlaneDataset(ds)).toBe(true);
    // The raw point of row 0, run through the views' input pipeline, gives row 0 back.
    const plain = await loadDataset({ id: 'circles' });
    const raw = plain.train.x.slice(0, 2);
    const again = modelInputs(ds, raw, 2);
    Array.from(ds.train.x.slice(0, 4)).forEach((v, i) => expect(again[i]).toBeCloseTo(v, 5));
    await expect(loadDataset({ id: 'line', options: { engineered: ['x1^2'] } })).rejects.toThrow(/engineered needs examples of 2 features/);
  });
});

describe('regression and the cost surface', () => {
  const xs = [0, 1, 2, 3];
  const ys = [1, 3, 5, 7]; // y = 1 + 2x

  it('J(θ₀, θ₁) is the mean squared error, by hand', () => {
    expect(costAt(xs, ys, 1, 2)).toBe(0);
    // θ = (0, 0): (1 + 9 + 25 + 49) / 4 = 21
    expect(costAt(xs, ys, 0, 0)).toBe(21);
    // θ = (1, 1): errors 0, 1, 2, 3 → (0 + 1 + 4 + 9) / 4 = 3.5
    expect(costAt(xs, ys, 1, 1)).toBe(3.5);
    expect(leastSquares(xs, ys)).toEqual([1, 2]);
  });

  it('the surface holds the start and the minimum, whose J is lowest', () => {
    const s = costSurface(xs, ys, { around: [[-3, 0]], res: 21 });
    expect(s.best).toEqual([1, 2, 0]);
    expect(s.theta0[0]).toBeLessThanOrEqual(-3);
    expect(Math.min(...s.J)).toBeGreaterThanOrEqual(0);
    // The grid's corner (θ₀ low, θ₁ high: row 0, column 0) by hand.
    expect(s.J[0]).toBeCloseTo(costAt(xs, ys, s.theta0[0], s.theta1[1]), 4);
    // Square window: the same span on both axes.
    expect(s.theta0[1] - s.theta0[0]).toBeCloseTo(s.theta1[1] - s.theta1[0], 9);
  });

  it('finds the two parameters of Dense(1) on one input, and no others', () => {
    const lin = compile(chain([1], [['Dense', { units: 1 }]]), { tfl }).model;
    lin.setWeights([tf.tensor2d([[2.5]]), tf.tensor1d([-1])]);
    expect(twoParams(lin)?.read()).toEqual([-1, 2.5]);
    expect(twoParams(compile(chain([2], [['Dense', { units: 1 }]]), { tfl }).model)).toBeNull();
    expect(twoParams(compile(chain([1], [['Dense', { units: 2 }], ['Dense', { units: 1 }]]), { tfl }).model)).toBeNull();
  });

  it("the curve is the model's prediction over the data range, in the data's units", () => {
    const ds = line(20, 2);
    const m = compile(chain([1], [['Dense', { units: 1 }]]), { tfl }).model;
    m.setWeights([tf.tensor2d([[3]]), tf.tensor1d([1])]);
    const c = curveProbe(m, ds, 11).snapshot();
    expect(c.xs[0]).toBeLessThan(0);
    c.xs.forEach((x, i) => expect(c.ys[i]).toBeCloseTo(3 * x + 1, 4));
    expect(c.train.x.length).toBe(20);
  });
});

describe('live views', () => {
  it('draw the start, every forced step and the end; the path follows the weights', async () => {
    const ds = line(16, 1);
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError' });
    const c = compile(p, { tfl });
    c.model.setWeights([tf.tensor2d([[0]]), tf.tensor1d([0])]);
    const got: ViewSnapshot[] = [];
    let t = 0;
    const v = liveViews({ project: p, dataset: ds, nodeIdOf: c.nodeIdOf, emit: (s) => got.push(s), now: () => t, minIntervalMs: 100 });
    await v.begin(c.model);
    expect(got).toHaveLength(1);
    c.model.setWeights([tf.tensor2d([[1]]), tf.tensor1d([0.5])]);
    t = 10;
    await v.afterBatch(c.model, { step: 1, epoch: 1, batch: 1 });
    expect(got).toHaveLength(1); // too soon after the last
    await v.afterBatch(c.model, { step: 2, epoch: 1, batch: 2 }, true);
    expect(got).toHaveLength(2);
    t = 500;
    await v.afterBatch(c.model, { step: 3, epoch: 1, batch: 3 });
    expect(got).toHaveLength(3);
    const last = got[2]!;
    expect(last.kind).toBe('curve');
    const cost = last.kind === 'curve' ? last.cost! : null;
    expect(cost!.path.map(([a, b]) => [a, b])).toEqual([[0, 0], [0.5, 1], [0.5, 1], [0.5, 1]]);
    expect(cost!.path[0]![2]).toBeCloseTo(costAt(ds.train.x, ds.train.y, 0, 0), 4);
    v.dispose();
  });

  it('throttle by what a snapshot costs, not counting the first one (the backend warming up)', async () => {
    const ds = line(16, 1);
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError' });
    const c = compile(p, { tfl });
    const got: number[] = [];
    let t = 0;
    // A snapshot takes 1 s the first time and 10 ms after that (the clock moves in emit).
    const v = liveViews({ project: p, dataset: ds, nodeIdOf: c.nodeIdOf, now: () => t, minIntervalMs: 100, maxShare: 0.05, emit: (_s, info) => { got.push(info.step); t += got.length === 1 ? 1000 : 10; } });
    await v.begin(c.model);
    t += 100;
    await v.afterBatch(c.model, { step: 1, epoch: 1, batch: 1 });
    expect(got).toEqual([0, 1]);
    // 10 ms at most 5 % of the time: the next one no sooner than 200 ms after.
    t += 150;
    await v.afterBatch(c.model, { step: 2, epoch: 1, batch: 2 });
    expect(got).toEqual([0, 1]);
    t += 60;
    await v.afterBatch(c.model, { step: 3, epoch: 1, batch: 3 });
    expect(got).toEqual([0, 1, 3]);
    v.dispose();
  });

  it('one slow snapshot does not hold the next ones back: the rate follows the least of the recent costs', async () => {
    const ds = line(16, 1);
    const p = chain([1], [['Dense', { units: 1 }]], { loss: 'meanSquaredError' });
    const c = compile(p, { tfl });
    const got: number[] = [];
    let t = 0;
    // 10 ms each, but the one at step 3 takes 2 s (a pause).
    const v = liveViews({ project: p, dataset: ds, nodeIdOf: c.nodeIdOf, now: () => t, minIntervalMs: 100, maxShare: 0.05, emit: (_s, info) => { got.push(info.step); t += info.step === 3 ? 2000 : 10; } });
    await v.begin(c.model);
    for (let step = 1; step <= 3; step++) {
      t += 250;
      await v.afterBatch(c.model, { step, epoch: 1, batch: step });
    }
    expect(got).toEqual([0, 1, 2, 3]);
    // 250 ms after the slow one: due by the 10 ms ones (200 ms), not by its 2 s (40 s).
    t += 250;
    await v.afterBatch(c.model, { step: 4, epoch: 1, batch: 4 });
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });
});
