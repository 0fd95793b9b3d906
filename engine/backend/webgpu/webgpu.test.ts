// LayerLab's webgpu speed-ups against the cpu backend. They need a WebGPU adapter: here Dawn's
// OpenGL ES backend on Mesa's llvmpipe (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri);
// without one the tests say so in their name and are skipped.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { makeRng, uniformValues } from '../../data/random.js';

// Before the ladder first asks Dawn (it remembers the answer): a software adapter through GL.
process.env.LAYERLAB_DAWN_BACKEND ??= 'opengles';
process.env.EGL_PLATFORM ??= 'surfaceless';
process.env.XDG_RUNTIME_DIR ??= os.tmpdir();
const { useBackend } = await import('../index.js');
const { measureHostCost } = await import('../../bench/hostcost.js');

const adapter = await useBackend('webgpu').then(
  () => true,
  () => false,
);
const needs = 'webgpu (needs a WebGPU adapter: Mesa GL or Vulkan driver)';

/** Deterministic values in [-1, 1). */
const values = (n: number, seed: number): Float32Array => uniformValues(n, makeRng(seed));

interface RmsRun {
  weights: Float32Array[];
  slots: Float32Array[];
}

/** Three optimizer steps on two weights with fixed gradients, on the active backend. */
async function optimizerSteps(make: () => tf.Optimizer, shareBuffer = false): Promise<RmsRun> {
  const shapes = [[37, 5], [5]];
  const vars = shapes.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(values(s.reduce((a, b) => a * b), 1 + i), s), true, `w${i}_${Math.random()}`)));
  // A reshaped view keeps the first weight's buffer shared, which must take the stock path.
  const view = shareBuffer ? tf.reshape(vars[0]!, [-1]) : null;
  const opt = make();
  for (let step = 0; step < 3; step++) {
    const grads = vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(values(v.size, 100 * step + 10 + i), v.shape) }));
    opt.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const weights = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
  const slots = await Promise.all((await opt.getWeights()).filter((w) => w.name.includes('/')).map(async (w) => (await w.tensor.data()) as Float32Array));
  // The view must still hold the initial values: an in-place update would have changed it.
  if (view) expect(Array.from(await view.data())).toEqual(Array.from(values(vars[0]!.size, 1)));
  tf.dispose([...vars, ...(view ? [view] : [])]);
  opt.dispose();
  return { weights, slots };
}

function expectClose(a: Float32Array[], b: Float32Array[], tol: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => {
    expect(x.length).toBe(b[i]!.length);
    const worst = x.reduce((m, v, j) => Math.max(m, Math.abs(v - b[i]![j]!)), 0);
    expect(worst, `array ${i}`).toBeLessThanOrEqual(tol);
  });
}

/** On `backend`: Σ model(x)·w for fixed x and w, its gradient w.r.t. x, and its gradients
 *  w.r.t. the model's weights, in training mode. */
async function outputAndGrads(backend: string, build: () => tfl.Sequential, xShape: number[], wShape: number[]): Promise<Float32Array[]> {
  await useBackend(backend);
  const model = build();
  const x = tf.tensor(values(xShape.reduce((a, b) => a * b), 31), xShape);
  const w = tf.tensor(values(wShape.reduce((a, b) => a * b), 32), wShape);
  const f = (t: tf.Tensor) => tf.sum(tf.mul(model.apply(t, { training: true }) as tf.Tensor, w)) as tf.Scalar;
  const { value, grads } = tf.variableGrads(() => f(x));
  const dx = tf.grad(f)(x);
  const out = [await value.data(), await dx.data(), ...(await Promise.all(model.trainableWeights.map((v) => grads[v.originalName]!.data())))] as Float32Array[];
  tf.dispose([x, w, value, dx, ...Object.values(grads)]);
  model.dispose();
  return out;
}

describe('webgpu speed-ups', () => {
  it.skipIf(!adapter)(`${needs}: fused RMSprop matches cpu within 1e-5, with and without momentum`, async () => {
    for (const momentum of [0, 0.9]) {
      const make = () => tf.train.rmsprop(0.01, 0.9, momentum, 1e-7);
      await useBackend('cpu');
      const want = await optimizerSteps(make);
      await useBackend('webgpu');
      const got = await optimizerSteps(make);
      expectClose(got.weights, want.weights, 1e-5);
      // Slots in tfjs-core's order and names: mean squares then moments, per weight.
      expectClose(got.slots, want.slots, 1e-5);
    }
  });

  it.skipIf(!adapter)(`${needs}: a weight whose buffer another tensor shares is updated by the stock path (RMSprop, Adam)`, async () => {
    for (const make of [() => tf.train.rmsprop(0.01, 0.9, 0.5), () => tf.train.adam(0.01)]) {
      await useBackend('cpu');
      const want = await optimizerSteps(make);
      await useBackend('webgpu');
      const got = await optimizerSteps(make, true);
      expectClose(got.weights, want.weights, 1e-5);
    }
  });

  it.skipIf(!adapter)(`${needs}: fused Adam matches cpu within 1e-5`, async () => {
    const make = () => tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    await useBackend('cpu');
    const want = await optimizerSteps(make);
    await useBackend('webgpu');
    const got = await optimizerSteps(make);
    expectClose(got.weights, want.weights, 1e-5);
    // First then second moments, as tfjs-core names and orders them.
    expectClose(got.slots, want.slots, 1e-5);
  });

  it.skipIf(!adapter)(`${needs}: uploads keep float32, int32 and bool values`, async () => {
    await useBackend('webgpu');
    const f = tf.tensor([1.5, -2.25, 3e-8, 65504]);
    const i = tf.tensor([7, -8, 123456], undefined, 'int32');
    const b = tf.tensor([true, false, true], undefined, 'bool');
    // Through a kernel, so the data has to live on the GPU.
    expect(Array.from(await tf.mul(f, 2).data())).toEqual([3, -4.5, Math.fround(6e-8), 131008]);
    expect(Array.from(await tf.add(i, 1).data())).toEqual([8, -7, 123457]);
    expect(Array.from(await tf.logicalNot(b).data())).toEqual([0, 1, 0]);
    tf.dispose([f, i, b]);
  });

  it.skipIf(!adapter)(`${needs}: 400 dispatches in one submit (more uniforms than one arena buffer holds) compute right`, async () => {
    await useBackend('webgpu');
    const flag = 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE';
    const before = tf.env().get(flag);
    tf.env().set(flag, 1000);
    try {
      // 4,096 elements: above the size tfjs would compute on the CPU instead.
      let x = tf.zeros([4096]);
      for (let k = 0; k < 400; k++) {
        const y = tf.add(x, tf.scalar(k % 2 ? 2 : 1));
        x.dispose();
        x = y;
      }
      const v = await x.data();
      expect([v[0], v[4095]]).toEqual([600, 600]);
      x.dispose();
    } finally {
      tf.env().set(flag, before);
    }
  });

  it.skipIf(!adapter)(`${needs}: a small network trains like on cpu (losses within 1e-4)`, async () => {
    const x = values(16 * 6, 7);
    const y = Float32Array.from({ length: 16 * 3 }, (_, k) => (k % 3 === Math.floor(k / 3) % 3 ? 1 : 0));
    async function losses(): Promise<number[]> {
      const model = tfl.sequential({
        layers: [
          tfl.layers.dense({ units: 8, activation: 'relu', inputShape: [6], kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
          tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }),
        ],
      });
      const opt = tf.train.rmsprop(0.01);
      const out: number[] = [];
      const xs = tf.tensor2d(x, [16, 6]);
      const ys = tf.tensor2d(y, [16, 3]);
      for (let s = 0; s < 4; s++) {
        const cost = opt.minimize(() => tfl.metrics.categoricalCrossentropy(ys, model.apply(xs) as tf.Tensor).mean() as tf.Scalar, true)!;
        out.push((await cost.data())[0]!);
        cost.dispose();
      }
      tf.dispose([xs, ys]);
      opt.dispose();
      model.dispose();
      return out;
    }
    await useBackend('cpu');
    const want = await losses();
    await useBackend('webgpu');
    const got = await losses();
    got.forEach((l, k) => expect(Math.abs(l - want[k]!), `step ${k}`).toBeLessThanOrEqual(1e-4));
    expect(got[3]!).toBeLessThan(got[0]!);
  });

  it.skipIf(!adapter)(`${needs}: the split-K Conv2DBackpropFilter matches cpu (relative error ≤ 1e-4) for strides, padding and odd sizes`, async () => {
    // [x shape, filter shape, strides, pad]: the convolutional template's two layers, a
    // strided 'same' case with sizes that fill no 16×16 tile, and one too short to split.
    const cases: [number[], number[], number, 'valid' | 'same'][] = [
      [[16, 28, 28, 1], [5, 5, 1, 30], 1, 'valid'],
      [[6, 24, 24, 30], [3, 3, 30, 15], 1, 'valid'],
      [[3, 9, 11, 3], [3, 2, 3, 5], 2, 'same'],
      [[1, 5, 5, 2], [2, 2, 2, 3], 1, 'valid'],
    ];
    for (const [xShape, filterShape, strides, pad] of cases) {
      const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], strides, 1, pad);
      const xv = values(xShape.reduce((a, b) => a * b), 11);
      const dyv = values(info.outShape.reduce((a, b) => a * b), 12);
      const run = async (backend: string) => {
        await useBackend(backend);
        const [x, dy] = [tf.tensor(xv, xShape), tf.tensor(dyv, info.outShape)];
        const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', filterShape } as never) as tf.Tensor;
        const out = (await dw.data()) as Float32Array;
        expect(dw.shape).toEqual(filterShape);
        tf.dispose([x, dy, dw]);
        return out;
      };
      const want = await run('cpu');
      const got = await run('webgpu');
      const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const worst = got.reduce((m, v, j) => Math.max(m, Math.abs(v - want[j]!)), 0);
      expect(worst / scale, `x ${xShape} filter ${filterShape}`).toBeLessThanOrEqual(1e-4);
    }
  });

  it.skipIf(!adapter)(`${needs}: Dropout's GPU mask keeps about 1 - rate of the elements, scaled by 1/(1 - rate), follows the seed, and its gradient uses the same mask`, async () => {
    await useBackend('webgpu');
    const rate = 0.3;
    const x = tf.add(tf.tensor(values(128 * 512, 21), [128, 512]), 2); // all in [1, 3): none is 0 before dropout
    const xv = (await x.data()) as Float32Array;
    const layer = (seed: number) => tfl.layers.dropout({ rate, seed });
    const out = async (seed: number) => (await (layer(seed).apply(x, { training: true }) as tf.Tensor).data()) as Float32Array;
    const a = await out(7);
    const kept = a.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0) / a.length;
    expect(kept).toBeGreaterThan(0.69);
    expect(kept).toBeLessThan(0.71);
    a.forEach((v, i) => { if (v !== 0) expect(v).toBeCloseTo(xv[i]! / (1 - rate), 5); });
    expect(Array.from(await out(7))).toEqual(Array.from(a));
    const b = await out(8);
    const same = a.reduce((n, v, i) => n + ((v === 0) === (b[i] === 0) ? 1 : 0), 0) / a.length;
    expect(same).toBeLessThan(0.65); // independent masks agree on 0.7² + 0.3² = 58 %
    // d/dx Σ dropout(x)·w is w where kept (scaled), 0 where dropped: the forward pass's mask.
    const w = tf.tensor(values(128 * 512, 22), [128, 512]);
    const g = (await tf.grad((t: tf.Tensor) => tf.sum(tf.mul(layer(7).apply(t, { training: true }) as tf.Tensor, w)))(x).data()) as Float32Array;
    const wv = (await w.data()) as Float32Array;
    g.forEach((v, i) => expect(v === 0).toBe(a[i] === 0 || wv[i] === 0));
    expect(g[a.findIndex((v) => v !== 0)]).toBeCloseTo(wv[a.findIndex((v) => v !== 0)]! / (1 - rate), 5);
    // Not training: the input unchanged.
    expect(Array.from(await (layer(7).apply(x) as tf.Tensor).data())).toEqual(Array.from(xv));
    tf.dispose([x, w]);
  });

  it.skipIf(!adapter)(`${needs}: fused Dense layers (relu, linear, softmax) give cpu's outputs and gradients for input, kernels and biases (within 1e-5)`, async () => {
    const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
    const build = () => tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 24, activation: 'relu', inputShape: [13], kernelInitializer: init(1), biasInitializer: tfl.initializers.randomNormal({ seed: 5 }) }),
        tfl.layers.dense({ units: 9, activation: 'linear', kernelInitializer: init(2), biasInitializer: tfl.initializers.randomNormal({ seed: 6 }) }),
        tfl.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(3), useBias: false }),
      ],
    });
    const want = await outputAndGrads('cpu', build, [70, 13], [70, 5]);
    const got = await outputAndGrads('webgpu', build, [70, 13], [70, 5]);
    expect(got.length).toBe(7); // loss, d/dx, two kernels and their biases, the last kernel
    expectClose(got, want, 1e-5);
  });

  it.skipIf(!adapter)(`${needs}: the fused categorical cross-entropy and its gradient match cpu's composed ops (relative error ≤ 1e-4), clipped rows, int32 one-hots and dy ≠ 1 included`, async () => {
    const { lossFunction } = await import('../../compile/losses.js');
    const categorical = lossFunction('categoricalCrossentropy');
    const sparse = lossFunction('sparseCategoricalCrossentropy');
    expect(tf.getKernel('LayerLabCrossentropy', 'webgpu')).toBeDefined();
    // [shape, upstream factor, sparse targets]: a rank-3 case goes through the reshape.
    const cases: [number[], number, boolean][] = [[[3, 4], 1, false], [[128, 10], 1, false], [[300, 7], 1, false], [[128, 10], 3, false], [[128, 10], 1, true], [[4, 5, 6], 2, false]];
    for (const [shape, factor, isSparse] of cases) {
      const classes = shape[shape.length - 1]!;
      const rows = shape.reduce((a, b) => a * b) / classes;
      // Positive and unnormalised; row 0 saturates with its target on the ~1 entry, row 1
      // with its target on a ~0 entry, so the clip (and its gradient mask) acts on both ends.
      const pv = values(rows * classes, 41 + classes).map((v) => v + 1.01);
      const hot = Array.from({ length: rows }, (_, r) => (r * 5 + 1) % classes);
      for (const r of [0, 1]) {
        pv.fill(1e-9, r * classes, (r + 1) * classes);
        pv[r * classes + ((hot[r]! + r) % classes)] = 1;
      }
      const tv = new Float32Array(rows * classes);
      hot.forEach((k, r) => (tv[r * classes + k] = 1));
      const run = async (backend: string) => {
        await useBackend(backend);
        const p = tf.tensor(pv, shape);
        const t = isSparse ? tf.tensor(hot.map((k) => k), [rows]) : tf.tensor(tv, shape);
        const loss = (x: tf.Tensor) => (isSparse ? sparse : categorical)(t, x);
        const value = loss(p);
        const grad = tf.grad((x: tf.Tensor) => tf.mul(loss(x), factor))(p);
        expect(grad.shape).toEqual(shape);
        const out = [(await value.data())[0]!, (await grad.data()) as Float32Array] as const;
        tf.dispose([p, t, value, grad]);
        return out;
      };
      const [wantLoss, wantGrad] = await run('cpu');
      const [gotLoss, gotGrad] = await run('webgpu');
      const what = `${shape} ×${factor}${isSparse ? ' sparse' : ''}`;
      expect(Math.abs(gotLoss - wantLoss) / Math.abs(wantLoss), what).toBeLessThanOrEqual(1e-4);
      const scale = wantGrad.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const worst = gotGrad.reduce((m, v, j) => Math.max(m, Math.abs(v - wantGrad[j]!)), 0);
      expect(worst / scale, what).toBeLessThanOrEqual(1e-4);
      // The saturated rows pass no gradient, as the clip's mask says.
      expect(Array.from(gotGrad.subarray(0, 2 * classes)).every((v) => v === 0), what).toBe(true);
    }
  });

  it.skipIf(!adapter)(`${needs}: fused Conv2D layers (relu 'valid', linear strided 'same') give cpu's outputs and gradients (within 1e-4 relative)`, async () => {
    const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
    const build = () => tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu', inputShape: [9, 10, 2], kernelInitializer: init(1), biasInitializer: tfl.initializers.randomNormal({ seed: 5 }) }),
        tfl.layers.conv2d({ filters: 4, kernelSize: [2, 3], strides: 2, padding: 'same', kernelInitializer: init(2), biasInitializer: tfl.initializers.randomNormal({ seed: 6 }) }),
      ],
    });
    const want = await outputAndGrads('cpu', build, [5, 9, 10, 2], [5, 4, 4, 4]);
    const got = await outputAndGrads('webgpu', build, [5, 9, 10, 2], [5, 4, 4, 4]);
    expect(got.length).toBe(6); // loss, d/dx, two kernels and their biases
    got.forEach((g, i) => {
      const scale = want[i]!.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const worst = g.reduce((m, v, j) => Math.max(m, Math.abs(v - want[i]![j]!)), 0);
      expect(worst / scale, `array ${i}`).toBeLessThanOrEqual(1e-4);
    });
  });

  it.skipIf(!adapter)(`${needs}: relu's one-dispatch gradient is dy · step(y), a NaN in y or dy, and ∞ · 0, giving NaN as the stock ops do`, async () => {
    const { reluGrad, RELU_GRAD } = await import('../fused-dense.js');
    expect(tf.getKernel(RELU_GRAD, 'webgpu')).toBeDefined();
    const y = [2, -1, 0, NaN, -3, 0, 0.5, -0];
    const dy = [0.25, 4, -5, 1, Infinity, NaN, -Infinity, 3];
    // dy · step(y), step being 1 for y > 0, NaN for NaN, else 0 (tfjs-core's step and mul).
    const want = y.map((v, i) => dy[i]! * (v > 0 ? 1 : Number.isNaN(v) ? NaN : 0));
    const got = Array.from(await tf.tidy(() => reluGrad(tf.tensor(dy), tf.tensor(y))).data());
    expect(got.map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(want.map((v) => (Number.isNaN(v) ? 'NaN' : v)));
  });

  it.skipIf(!adapter)(`${needs}: a training step of the simplified MLP creates no GPU buffer and makes under 60 dispatches`, async () => {
    // Stock tfjs-backend-webgpu 4.22: 36 createBuffer calls and 105 dispatches a step.
    const cost = await measureHostCost('simplified', 2, 1, 32);
    expect(cost.createBuffer).toBe(0);
    expect(cost.dispatch).toBeLessThan(60);
  });
});

it(`${needs}: ${adapter ? 'an adapter was found' : 'no adapter here, so the webgpu tests above were skipped'}`, () => {
  expect(typeof adapter).toBe('boolean');
});
