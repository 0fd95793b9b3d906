// The fused training kernels on wasm (./fused-kernels.ts) against the cpu backend, where the
// same calls run tfjs-core's composed ops: cross-entropy and its gradient through
// engine/compile/losses.ts, relu's and softmax's gradients through ../fused-dense.ts, and a
// few training steps of small models end to end. Each check also asserts that the fused
// kernel ran on wasm, so a missing registration cannot pass as the composed fallback.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSS_FUNCTIONS, lossFunction } from '../../compile/losses.js';
import { reluGrad, softmaxGrad } from '../fused-dense.js';
import { useBackend } from '../index.js';
import { installWasmFusedKernels } from './fused-kernels.js';
import { cpuVsWasm, relDiff } from './testkit.js';

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm'); // the rung installs them; the call below makes the test independent of that
  installWasmFusedKernels();
});

const TOL = 1e-4;

/** The kernels `f` runs on wasm. */
async function kernelsOnWasm(f: () => tf.Tensor): Promise<string[]> {
  await tf.setBackend('wasm');
  const info = await tf.profile(() => f());
  return info.kernelNames;
}

/** Rows of positive, unnormalised probabilities (losses.ts divides by the row sum). */
function probs(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.softmax(tf.randomNormal(shape, 0, 2, 'float32', seed)), tf.randomUniform([...shape.slice(0, -1), 1], 0.5, 2, 'float32', seed + 1)));
}

function oneHot(rows: number, classes: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.oneHot(tf.randomUniform([rows], 0, classes, 'int32', seed), classes).toFloat());
}

/** A row that saturates: one certain class and zeros, with the target on a zero (q clipped
 *  to ε: a large loss and, past the clip, no gradient through that entry). */
function withSaturatedRow(p: tf.Tensor, t: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const [rows, classes] = p.shape as [number, number];
  const pv = p.arraySync() as number[][];
  const tv = t.arraySync() as number[][];
  pv[0] = Array.from({ length: classes }, (_, i) => (i === 1 ? 1 : 0));
  tv[0] = Array.from({ length: classes }, (_, i) => (i === 0 ? 1 : 0));
  // and one where the target's class is the certain one (q clipped to 1 - ε)
  pv[rows - 1] = Array.from({ length: classes }, (_, i) => (i === 2 ? 3 : 0));
  tv[rows - 1] = Array.from({ length: classes }, (_, i) => (i === 2 ? 1 : 0));
  return [tf.tensor2d(pv), tf.tensor2d(tv)];
}

const ce = LOSS_FUNCTIONS.categoricalCrossentropy;

describe('LayerLabCrossentropy and -Grad on wasm', () => {
  const cases: [string, number[]][] = [['[128, 10]', [128, 10]], ['[7, 3]', [7, 3]], ['[1, 33]', [1, 33]]];
  for (const [label, shape] of cases) {
    it(`gives the composed loss and gradient for ${label}`, async () => {
      const mk = () => [probs(shape, 11), oneHot(shape[0]!, shape[1]!, 12)] as const;
      const loss = await cpuVsWasm(() => tf.tidy(() => { const [p, t] = mk(); return ce(t, p); }));
      expect(loss.shape).toEqual([]);
      expect(loss.err).toBeLessThan(TOL);
      const grad = await cpuVsWasm(() => tf.tidy(() => { const [p, t] = mk(); return tf.grad((q: tf.Tensor) => ce(t, q))(p); }));
      expect(grad.shape).toEqual(shape);
      expect(grad.err).toBeLessThan(TOL);
      const names = await kernelsOnWasm(() => tf.tidy(() => { const [p, t] = mk(); return tf.grad((q: tf.Tensor) => ce(t, q))(p); }));
      expect(names).toContain('LayerLabCrossentropy');
      expect(names).toContain('LayerLabCrossentropyGrad');
      expect(names).not.toContain('Log');
    });
  }

  it('clips a saturated row as the composed ops do, with an upstream dy ≠ 1', async () => {
    const mk = () => withSaturatedRow(probs([6, 5], 21), oneHot(6, 5, 22));
    const loss = await cpuVsWasm(() => tf.tidy(() => { const [p, t] = mk(); return ce(t, p); }));
    expect(loss.err).toBeLessThan(TOL);
    const dy = () => tf.scalar(-2.75);
    const grad = await cpuVsWasm(() => tf.tidy(() => { const [p, t] = mk(); return tf.grad((q: tf.Tensor) => ce(t, q))(p, dy()); }));
    expect(grad.err).toBeLessThan(TOL);
    // The saturated row's loss is -log(ε)/6 of the mean: finite and large.
    const v = tf.tidy(() => { const [p, t] = mk(); return ce(t, p).dataSync()[0]!; });
    expect(v).toBeGreaterThan(-Math.log(1e-7) / 6);
    expect(Number.isFinite(v)).toBe(true);
  });

  it('takes int32 one-hot targets (sparse categorical cross-entropy)', async () => {
    const sparse = LOSS_FUNCTIONS.sparseCategoricalCrossentropy;
    const labels = () => tf.tensor1d([3, 0, 9, 9, 4, 1, 2, 8, 5], 'float32');
    const loss = await cpuVsWasm(() => tf.tidy(() => sparse(labels(), probs([9, 10], 31))));
    expect(loss.err).toBeLessThan(TOL);
    const grad = await cpuVsWasm(() => tf.tidy(() => tf.grad((q: tf.Tensor) => sparse(labels(), q))(probs([9, 10], 31), tf.scalar(0.5))));
    expect(grad.err).toBeLessThan(TOL);
    const names = await kernelsOnWasm(() => tf.tidy(() => tf.grad((q: tf.Tensor) => sparse(labels(), q))(probs([9, 10], 31))));
    expect(names).toContain('OneHot');
    expect(names).toContain('LayerLabCrossentropyGrad');
  });

  it('gives the composed loss and gradient for a [2, 3, 4, 6] prediction (rows over the leading axes)', async () => {
    const shape = [2, 3, 4, 6];
    const t = () => tf.reshape(oneHot(24, 6, 42), shape);
    const p = () => probs(shape, 41);
    const loss = await cpuVsWasm(() => tf.tidy(() => lossFunction('categoricalCrossentropy')(t(), p())));
    expect(loss.err).toBeLessThan(TOL);
    const grad = await cpuVsWasm(() => tf.tidy(() => tf.grad((q: tf.Tensor) => lossFunction('categoricalCrossentropy')(t(), q))(p(), tf.scalar(3))));
    expect(grad.shape).toEqual(shape);
    expect(grad.err).toBeLessThan(TOL);
    expect(await kernelsOnWasm(() => tf.tidy(() => lossFunction('categoricalCrossentropy')(t(), p())))).toContain('LayerLabCrossentropy');
  });
});

describe('LayerLabReluGrad on wasm', () => {
  for (const shape of [[128, 512], [3, 7, 5], [13]]) {
    it(`is tfjs-core's dy · step(y) to the bit, NaN and ∞ included, for ${JSON.stringify(shape)}`, async () => {
      // relu's output (zeros where the input was negative), with an exact +0 and −0, a
      // subnormal either side of 0, a NaN, and a NaN or ∞ in dy where y is not positive.
      const mk = (special = true) => {
        const y = tf.relu(tf.randomNormal(shape, 0, 1, 'float32', 51)).dataSync().slice();
        const dy = tf.randomNormal(shape, 0, 1, 'float32', 52).dataSync().slice();
        [y[0], y[1], y[2], y[3]] = [-0, 0, 1e-40, -1e-40];
        if (special && y.length > 6) [y[4], y[5], dy[5], y[6], dy[6]] = [NaN, -1, Infinity, 0, NaN];
        return { dy: tf.tensor(dy, shape), y: tf.tensor(y, shape) };
      };
      const { err } = await cpuVsWasm(() => tf.tidy(() => { const { dy, y } = mk(false); return reluGrad(dy, y); }));
      expect(err).toBeLessThan(TOL);
      const got = Array.from(tf.tidy(() => { const { dy, y } = mk(); return reluGrad(dy, y).dataSync(); }));
      const want = Array.from(tf.tidy(() => { const { dy, y } = mk(); return tf.mul(dy, tf.step(y)).dataSync(); })); // the stock ops
      expect(got.every((v, i) => Object.is(v, want[i]))).toBe(true);
      if (got.length > 6) expect(got.slice(4, 7).every(Number.isNaN)).toBe(true);
      expect(got[0]).toBe(0); // a zero, of dy's sign
      expect(await kernelsOnWasm(() => tf.tidy(() => { const { dy, y } = mk(); return reluGrad(dy, y); }))).toContain('LayerLabReluGrad');
    });
  }

  it('is what tf.grad of relu gives', async () => {
    const { err } = await cpuVsWasm(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.relu(x))(tf.randomNormal([9, 17], 0, 1, 'float32', 53), tf.randomNormal([9, 17], 0, 1, 'float32', 54))));
    expect(err).toBeLessThan(TOL);
  });
});

describe('LayerLabSoftmaxGrad on wasm', () => {
  for (const shape of [[128, 10], [4, 3, 7], [1, 1], [5, 100]]) {
    it(`is dy·y − Σ(dy·y)·y per row for ${JSON.stringify(shape)}`, async () => {
      const mk = () => ({ dy: tf.randomNormal(shape, 0, 1, 'float32', 61), y: tf.softmax(tf.randomNormal(shape, 0, 2, 'float32', 62)) });
      const { err } = await cpuVsWasm(() => tf.tidy(() => { const { dy, y } = mk(); return softmaxGrad(dy, y, -1); }));
      expect(err).toBeLessThan(TOL);
      expect(await kernelsOnWasm(() => tf.tidy(() => { const { dy, y } = mk(); return softmaxGrad(dy, y, -1); }))).toContain('LayerLabSoftmaxGrad');
    });
  }

  it('is what tf.grad of softmax gives', async () => {
    const { err } = await cpuVsWasm(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.softmax(x))(tf.randomNormal([6, 11], 0, 1, 'float32', 63), tf.randomNormal([6, 11], 0, 1, 'float32', 64))));
    expect(err).toBeLessThan(TOL);
  });
});

describe('training on wasm with the fused kernels', () => {
  type Build = () => tfl.Sequential;
  const mlp: Build = () => tfl.sequential({
    layers: [tfl.layers.dense({ inputShape: [20], units: 32, activation: 'relu' }), tfl.layers.dense({ units: 5, activation: 'softmax' })],
  });
  const cnn: Build = () => tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, activation: 'relu' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });

  /** The losses of 3 RMSprop steps on `backend`, from `weights`, and the kernels run. */
  async function train(backend: string, build: Build, weights: tf.Tensor[] | null, xShape: number[]) {
    await tf.setBackend(backend);
    const model = build();
    if (weights) model.setWeights(weights.map((w) => tf.tensor(w.dataSync().slice(), w.shape)));
    const start = model.getWeights().map((w) => tf.tensor(w.dataSync().slice(), w.shape));
    const x = tf.randomNormal([16, ...xShape], 0, 1, 'float32', 71);
    const y = tf.tidy(() => tf.oneHot(tf.randomUniform([16], 0, 5, 'int32', 72), 5).toFloat());
    const opt = tf.train.rmsprop(0.01);
    const loss = lossFunction('categoricalCrossentropy');
    const losses: number[] = [];
    let names: string[] = [];
    for (let step = 0; step < 3; step++) {
      const info = await tf.profile(() => {
        const l = opt.minimize(() => loss(y, model.apply(x, { training: true }) as tf.Tensor), true)!;
        losses.push(l.dataSync()[0]!);
        l.dispose();
      });
      names = info.kernelNames;
    }
    const end = model.getWeights().map((w) => w.dataSync().slice());
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
    return { losses, names, start, end };
  }

  for (const [label, build, xShape, fused] of [
    ['dense relu → dense softmax', mlp, [20], ['LayerLabDense', 'LayerLabReluGrad', 'LayerLabSoftmaxGrad']],
    ['conv2d relu → flatten → dense softmax', cnn, [8, 8, 2], ['LayerLabConv2D', 'LayerLabDense', 'LayerLabReluGrad', 'LayerLabSoftmaxGrad']],
  ] as const) {
    it(`gives cpu's losses and weights over 3 steps: ${label}`, async () => {
      const want = await train('cpu', build, null, [...xShape]);
      const got = await train('wasm', build, want.start, [...xShape]);
      expect(got.losses).toHaveLength(3);
      expect(relDiff(got.losses, want.losses)).toBeLessThan(TOL);
      for (let i = 0; i < want.end.length; i++) expect(relDiff(got.end[i]!, want.end[i]!)).toBeLessThan(TOL);
      for (const k of [...fused, 'LayerLabCrossentropy', 'LayerLabCrossentropyGrad']) expect(got.names).toContain(k);
      expect(want.names).not.toContain('LayerLabCrossentropy');
      tf.dispose(want.start);
      tf.dispose(got.start);
    });
  }
});
