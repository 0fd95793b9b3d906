import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/index.js';
import { makeRng } from '../data/random.js';
import type { Dataset, Split } from '../data/types.js';
import type { LossName } from '../project/types.js';
import { chain } from '../train/testkit.js';
import { accuracyAgainstEpsilon, Fgsm, scaledRange } from './fgsm.js';
import { adversarialReply } from './inspect/adversarial.schema.js';
import { inspectContext, runInspect } from './inspect/index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** A 2×2 one-channel "image" dataset of bytes, scaled /255 as MNIST is. */
function images(x: number[][], y: number[], classes: number, side = 2): Dataset {
  const s: Split = { x: Float32Array.from(x.flat()), y: Float32Array.from(y), count: y.length };
  return {
    id: 'tiny', name: 'tiny', description: '', source: 'test', task: 'classification', inputShape: [side, side, 1], targetShape: [],
    classNames: Array.from({ length: classes }, (_, i) => `c${i}`), train: s, test: s, sourceDtype: 'ubyte', format: 'idx',
    preprocessing: { method: 'pixels', offset: [0], divisor: [255], from: 'fixed' },
  };
}

// Input(4) → Dense(3, softmax): z = xK + b, K [in, out] as tfjs keeps it (K = Wᵀ of the lecture).
const K = [
  [1.0, -2.0, 0.5],
  [-1.5, 0.5, 2.0],
  [0.3, 1.2, -0.8],
  [2.0, -0.4, -1.0],
];
const B = [0.1, -0.2, 0.0];
const X = [0.2, 0.95, 0.05, 0.6];
const Y = 1;

function linearSoftmax(): tfl.LayersModel {
  const m = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
  m.setWeights([tf.tensor2d(K), tf.tensor1d(B)]);
  return m;
}

/** ∇ₓJ for softmax + crossentropy, by hand: p = softmax(xK + b), ∇ₓJ = K(p − y) (= Wᵀ(p − y)). */
function handGradient(x: number[], y: number): number[] {
  const z = B.map((b, j) => b + x.reduce((s, xi, i) => s + xi * K[i]![j]!, 0));
  const e = z.map((v) => Math.exp(v));
  const sum = e.reduce((a, b) => a + b, 0);
  const p = e.map((v) => v / sum);
  return x.map((_, i) => K[i]!.reduce((s, kij, j) => s + kij * (p[j]! - (j === y ? 1 : 0)), 0));
}

async function attackOne(f: Fgsm, ds: Dataset, epsilon: number) {
  const x = f.rows(ds.test, [0]);
  const y = f.targets(ds.test, [0]);
  const sign = f.gradientSign(x, y);
  const adv = f.perturb(x, sign, epsilon);
  const out = { sign: Array.from(await sign.data()), adv: Array.from(await adv.data()) };
  tf.dispose([x, y, sign, adv]);
  return out;
}

describe('FGSM', () => {
  for (const loss of ['categoricalCrossentropy', 'sparseCategoricalCrossentropy'] as LossName[])
    it(`on a hand-set linear softmax classifier (${loss}): the sign of Wᵀ(p − y), then x + ε·sign clipped to [0, 1]`, async () => {
      const ds = images([X.map((v) => v * 255)], [Y], 3);
      const f = new Fgsm(linearSoftmax(), loss, { ...ds, test: { ...ds.test, x: Float32Array.from(X) } }, scaledRange(ds));
      const g = handGradient(X, Y);
      expect(g.map(Math.sign)).toEqual([1, 1, -1, 1]);
      const { sign, adv } = await attackOne(f, { ...ds, test: { ...ds.test, x: Float32Array.from(X) } }, 0.1);
      expect(sign).toEqual(g.map(Math.sign));
      // 0.95 + 0.1 and 0.05 − 0.1 leave [0, 1] (the scaled 0–255): clipped to 1 and 0.
      [0.3, 1, 0, 0.7].forEach((v, i) => expect(adv[i]).toBeCloseTo(v, 6));
    });

  it('on a sigmoid unit with binary crossentropy: ∇ₓJ = w(p − y), so sign = −sign(w) for y = 1', async () => {
    const w = [1, -2, 0.5, 1.5];
    const m = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 1, activation: 'sigmoid' })] });
    m.setWeights([tf.tensor2d(w.map((v) => [v])), tf.tensor1d([0.2])]);
    const ds = images([X], [1], 2);
    const f = new Fgsm(m, 'binaryCrossentropy', ds, scaledRange(ds));
    expect((await attackOne(f, ds, 0.05)).sign).toEqual([-1, 1, -1, -1]);
  });

  it('gives a sign even where the prediction is saturated (Keras clips p there, which has no gradient)', async () => {
    const m = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
    // Class 1 wins by ~24 logits: p₁ rounds to 1 − 1e-10 in float32, above Keras's 1 − 1e-7.
    m.setWeights([tf.tensor2d(K.map((r) => r.map((v, j) => v + (j === 1 ? 10 : 0)))), tf.tensor1d([0, 0, 0])]);
    const ds = images([X], [1], 3);
    const f = new Fgsm(m, 'categoricalCrossentropy', ds, scaledRange(ds));
    const { sign } = await attackOne(f, ds, 0.1);
    expect(sign.filter((s) => s !== 0).length).toBe(4);
  });

  it('clips to 0–255 mapped through per-pixel scaling (standardize): each pixel its own bounds', () => {
    const ds = { inputShape: [2, 1, 1], preprocessing: { method: 'standardize' as const, offset: [100, 20], divisor: [50, 10], from: 'train' } };
    const { lo, hi } = scaledRange(ds);
    // (0 − 100) / 50, (255 − 100) / 50; (0 − 20) / 10, (255 − 20) / 10.
    expect(Array.from(lo)).toEqual([-2, -2]);
    expect(Array.from(hi).map((v) => Number(v.toFixed(5)))).toEqual([3.1, 23.5]);
    expect(Array.from(scaledRange({ inputShape: [3], preprocessing: undefined }).hi)).toEqual([255, 255, 255]);
  });

  it('ε = 0 changes nothing, and leaks no tensors', async () => {
    const ds = images([X, [0.9, 0.1, 0.5, 0.5]], [Y, 0], 3);
    const f = new Fgsm(linearSoftmax(), 'categoricalCrossentropy', ds, scaledRange(ds));
    const before = tf.memory().numTensors;
    const x = f.rows(ds.test, [0, 1]);
    const y = f.targets(ds.test, [0, 1]);
    const adv = f.attack(x, y, 0);
    expect(Array.from(await adv.data())).toEqual(Array.from(ds.test.x));
    tf.dispose([x, y, adv]);
    await accuracyAgainstEpsilon(f, ds.test, [0, 0.1, 0.3], 2, 1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** 4×4 images: class 0 bright on the left half, class 1 on the right, with noise (bytes). */
function halves(n: number, seed: number): Dataset {
  const rng = makeRng(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = k % 2;
    rows.push(Array.from({ length: 16 }, (_, i) => {
      const left = i % 4 < 2;
      const bright = left === (c === 0);
      return Math.round(255 * Math.min(1, Math.max(0, (bright ? 0.7 : 0.3) + (rng() - 0.5) * 0.3)));
    }));
    y.push(c);
  }
  const ds = images(rows, y, 2, 4);
  const scaled = (s: Split): Split => ({ ...s, x: s.x.map((v) => v / 255) });
  return { ...ds, train: scaled(ds.train), test: scaled(ds.test) };
}

describe('accuracy against ε on a trained model', () => {
  it('falls as ε grows, from the clean accuracy at ε = 0', async () => {
    const ds = halves(200, 3);
    const m = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [16], units: 2, activation: 'softmax' })] });
    m.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    const xs = tf.tensor2d(ds.train.x, [200, 16]);
    const ys = tf.oneHot(tf.tensor1d(Array.from(ds.train.y), 'int32'), 2);
    await m.fit(xs, ys, { epochs: 40, batchSize: 32, verbose: 0 });
    tf.dispose([xs, ys]);

    const f = new Fgsm(m, 'categoricalCrossentropy', ds, scaledRange(ds));
    const before = tf.memory().numTensors;
    const eps = [0, 0.05, 0.1, 0.2, 0.3];
    const { samples, points } = await accuracyAgainstEpsilon(f, ds.test, eps, 150, 64);
    expect(tf.memory().numTensors).toBe(before);
    expect(samples).toBe(150);
    // The clean point is the model's own accuracy on those 150.
    const plain = tf.tidy(() => tf.sum(tf.equal(tf.argMax(m.predict(tf.tensor2d(ds.test.x.subarray(0, 150 * 16), [150, 16])) as tf.Tensor, -1), tf.tensor1d(Array.from(ds.test.y.subarray(0, 150)), 'int32'))).dataSync()[0]!);
    expect(points[0]!.correct).toBe(plain);
    expect(points[0]!.accuracy).toBeGreaterThanOrEqual(0.95);
    // A linear model's margin only shrinks as ε grows, so no point lies above the one before.
    for (let i = 1; i < points.length; i++) expect(points[i]!.accuracy).toBeLessThanOrEqual(points[i - 1]!.accuracy);
    expect(points.at(-1)!.accuracy).toBeLessThan(0.5);
  });
});

describe('the adversarial inspect view', () => {
  it('answers one test image (raw units) and the curve; says why for data that are not images', async () => {
    const ds = halves(40, 5);
    const project = chain([4, 4, 1], [['Flatten', {}], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy' });
    const m = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 2, activation: 'softmax' })] });
    // Left-half pixels vote class 0, right-half class 1.
    m.setWeights([tf.tensor2d(Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? [4, -4] : [-4, 4]))), tf.tensor1d([0, 0])]);
    const ctx = inspectContext(m, project, ds);

    const before = tf.memory().numTensors;
    const a = await runInspect(ctx, { view: 'adversarial', params: { sample: 1, epsilon: 0.1 } });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.view).toBe('adversarial');
    const r = adversarialReply.parse(a.value);
    if (r.kind !== 'sample') throw new Error('expected a sample');
    expect(r.label).toBe(1);
    expect(r.epsilonRaw).toBeCloseTo(25.5, 6);
    // Class 1 (right half bright): the loss rises by dimming the right and brightening the left.
    expect(r.sign).toEqual(Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 1 : -1)));
    const raw = Array.from(ds.test.x.subarray(16, 32), (v) => v * 255);
    r.clean.x.forEach((v, i) => expect(v).toBeCloseTo(raw[i]!, 3));
    r.adversarial.x.forEach((v, i) => expect(v).toBeCloseTo(Math.min(255, Math.max(0, raw[i]! + 25.5 * r.sign[i]!)), 3));
    expect(r.clean.predicted).toBe(1);
    expect(r.clean.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(r.clean.confidence).toBe(r.clean.probabilities[1]);
    expect(r.adversarial.probabilities[1]).toBeLessThan(r.clean.probabilities[1]!);

    const c = await runInspect(ctx, { view: 'adversarial', params: { curve: true, epsilons: [0, 0.3], limit: 10 } });
    const curve = adversarialReply.parse(c.value);
    if (curve.kind !== 'curve') throw new Error('expected a curve');
    expect(curve.samples).toBe(10);
    expect(curve.points.map((p) => p.epsilon)).toEqual([0, 0.3]);
    expect(curve.points[1]!.accuracy).toBeLessThan(curve.points[0]!.accuracy);

    // In pieces: the counts of [0, 4) and [4, 10) add up to those of [0, 10).
    const parts = await Promise.all(
      [[0, 4], [4, 6]].map(async ([offset, limit]) => adversarialReply.parse((await runInspect(ctx, { view: 'adversarial', params: { curve: true, epsilons: [0, 0.3], offset, limit } })).value)),
    );
    expect(parts.map((p) => (p.kind === 'curve' ? [p.offset, p.samples] : null))).toEqual([[0, 4], [4, 6]]);
    const summed = [0, 1].map((k) => parts.reduce((s, p) => s + (p.kind === 'curve' ? p.points[k]!.correct : 0), 0));
    expect(summed).toEqual(curve.points.map((p) => p.correct));
    const past = adversarialReply.parse((await runInspect(ctx, { view: 'adversarial', params: { curve: true, offset: 40 } })).value);
    expect(past.kind === 'curve' && past.samples).toBe(0);

    await expect(runInspect(ctx, { view: 'adversarial', params: { sample: 40 } })).rejects.toThrow(/past the test split's 40/);

    const tabular: Dataset = { ...ds, sourceDtype: 'float32', format: 'csv', inputShape: [16] };
    expect(ctx.dataset && (await import('./inspect/adversarial.js')).adversarialApplies({ ...ctx, dataset: tabular })).toMatch(/needs images/);
  });
});
