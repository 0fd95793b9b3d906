// The in-place optimizer updates on wasm against tfjs-core's own (stock) updates, run on the
// cpu backend and on wasm with the fused updates taken back.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { installWasmOptimizers, wasmUpdatesWanted } from './optimizers.js';
import { makeRng, uniformValues } from '../../data/random.js';

/** Deterministic values in [-1, 1). */
const values = (n: number, seed: number): Float32Array => uniformValues(n, makeRng(seed));

// Size 1, odd sizes, and one large enough to matter.
const SHAPES = [[1], [7], [37, 5], [3, 11, 13], [300, 41]];
const STEPS = 5;

type Where = 'cpu' | 'wasm' | 'wasm-stock';

interface Run {
  weights: Float32Array[];
  /** Optimizer weights after the iteration count, as getWeights names and orders them,
   *  with the variables' names replaced by their index. */
  slots: { name: string; values: Float32Array }[];
  /** tf.memory().numTensors after each step. */
  tensors: number[];
}

let run = 0;

/** STEPS optimizer steps over SHAPES with fixed gradients. `share` keeps the first weight's
 *  initial tensor and a reshaped view of it alive, so its buffer is shared. */
async function steps(where: Where, make: () => tf.Optimizer, share = false): Promise<Run> {
  await useBackend(where === 'cpu' ? 'cpu' : 'wasm');
  const off = where === 'wasm-stock' ? installWasmOptimizers({}) : null;
  off?.();
  try {
    const prefix = `opt${run++}_`;
    const inits = SHAPES.map((s, i) => tf.tensor(values(s.reduce((a, b) => a * b), 1 + i), s));
    const vars = inits.map((t, i) => tf.variable(t, true, `${prefix}w${i}`));
    const kept = share ? [inits[0]!, tf.reshape(vars[0]!, [-1])] : [];
    tf.dispose(inits.filter((t) => !kept.includes(t)));
    const opt = make();
    const tensors: number[] = [];
    for (let step = 0; step < STEPS; step++) {
      const grads = vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(values(v.size, 100 * step + 10 + i), v.shape) }));
      opt.applyGradients(grads);
      tf.dispose(grads.map((g) => g.tensor));
      tensors.push(tf.memory().numTensors);
    }
    for (const k of kept) expect(Array.from(await k.data()), 'a tensor sharing a weight\'s buffer').toEqual(Array.from(values(vars[0]!.size, 1)));
    const weights = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
    const named = (await opt.getWeights()).slice(1);
    const slots = await Promise.all(named.map(async (w) => ({ name: w.name.replace(prefix, ''), values: (await w.tensor.data()) as Float32Array })));
    tf.dispose([...vars, ...kept]);
    opt.dispose();
    return { weights, slots, tensors };
  } finally {
    if (off) installWasmOptimizers({});
  }
}

/** Largest difference relative to the reference's magnitude, element by element (with a
 *  floor, so values near zero are compared absolutely at that scale). NaN agrees with NaN:
 *  tfjs-core's centered RMSprop takes sqrt(ms - (mg² + eps)), NaN where g is near zero. */
function worst(got: Float32Array, want: Float32Array): number {
  expect(got.length).toBe(want.length);
  let w = 0;
  for (let i = 0; i < got.length; i++) {
    const a = got[i]!;
    const b = want[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) w = Number.isNaN(a) && Number.isNaN(b) ? w : Infinity;
    else w = Math.max(w, Math.abs(a - b) / Math.max(Math.abs(b), 1e-3));
  }
  return w;
}

function expectAgree(got: Run, want: Run): void {
  got.weights.forEach((w, i) => expect(worst(w, want.weights[i]!), `weight ${i}`).toBeLessThanOrEqual(1e-6));
  expect(got.slots.map((s) => s.name)).toEqual(want.slots.map((s) => s.name));
  got.slots.forEach((s, i) => expect(worst(s.values, want.slots[i]!.values), s.name).toBeLessThanOrEqual(1e-6));
}

const FUSED: [string, () => tf.Optimizer][] = [
  ['RMSprop', () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7)],
  ['RMSprop with momentum', () => tf.train.rmsprop(0.01, 0.9, 0.8, 1e-7)],
  ['Adam', () => tf.train.adam(0.01, 0.9, 0.999, 1e-7)],
];

/** Left to tfjs-core by the patched class. */
const STOCK: [string, () => tf.Optimizer][] = [
  ['centered RMSprop with momentum', () => tf.train.rmsprop(0.01, 0.95, 0.5, 1e-7, true)],
];

describe('in-place optimizer updates on wasm', () => {
  for (const [name, make] of STOCK) {
    it(`${name} (stock): matches tfjs-core's on cpu`, async () => {
      expectAgree(await steps('wasm', make), await steps('cpu', make));
    });
  }

  for (const [name, make] of FUSED) {
    it(`${name}: weights and slots match tfjs-core's on cpu and on stock wasm within 1e-6, slot names unchanged`, async () => {
      const fused = await steps('wasm', make);
      expectAgree(fused, await steps('cpu', make));
      expectAgree(fused, await steps('wasm-stock', make));
    });

    it(`${name}: a weight whose buffer is shared takes the stock path and the sharing tensors keep their values`, async () => {
      expectAgree(await steps('wasm', make, true), await steps('cpu', make));
    });

    it(`${name}: makes no tensor after the first step`, async () => {
      const { tensors } = await steps('wasm', make);
      expect(new Set(tensors.slice(1)).size, `numTensors after each step: ${tensors}`).toBe(1);
    });
  }

  it('a fused step runs no kernel (RMSprop) or only the accBeta products (Adam)', async () => {
    await useBackend('wasm');
    const w = tf.variable(tf.tensor(values(33, 5)), true, 'kernels_w');
    const g = tf.tensor(values(33, 6));
    for (const [make, kernels] of [[() => tf.train.rmsprop(0.01, 0.9, 0.9), []], [() => tf.train.adam(0.01), ['Multiply', 'Multiply']]] as const) {
      const opt = make();
      opt.applyGradients([{ name: w.name, tensor: g }]);
      const profile = await tf.profile(() => opt.applyGradients([{ name: w.name, tensor: g }]));
      expect(profile.kernels.map((k) => k.name)).toEqual(kernels);
      opt.dispose();
    }
    tf.dispose([w, g]);
  });

  it('products and convolutions see the updated weights (XNNPACK caches operators on the weight\'s tensor id)', async () => {
    async function outputs(where: 'cpu' | 'wasm'): Promise<Float32Array[]> {
      await useBackend(where);
      const x = tf.tensor4d(values(2 * 6 * 6 * 3, 1), [2, 6, 6, 3]);
      const a = tf.tensor2d(values(5 * 8, 2), [5, 8]);
      const filter = tf.variable(tf.tensor4d(values(3 * 3 * 3 * 4, 3), [3, 3, 3, 4]), true, `xnn_${where}_f`);
      const w = tf.variable(tf.tensor2d(values(8 * 6, 4), [8, 6]), true, `xnn_${where}_w`);
      const opt = tf.train.rmsprop(0.05, 0.9, 0.5);
      const out: Float32Array[] = [];
      for (let step = 0; step < 3; step++) {
        const [c, m] = tf.tidy(() => [tf.conv2d(x, filter, 1, 'same'), tf.matMul(a, w)]);
        out.push((await c!.data()) as Float32Array, (await m!.data()) as Float32Array);
        tf.dispose([c!, m!]);
        const grads = [filter, w].map((v, i) => ({ name: v.name, tensor: tf.tensor(values(v.size, 50 + 10 * step + i), v.shape) }));
        opt.applyGradients(grads);
        tf.dispose(grads.map((g) => g.tensor));
      }
      tf.dispose([x, a, filter, w]);
      opt.dispose();
      return out;
    }
    const want = await outputs('cpu');
    const got = await outputs('wasm');
    got.forEach((o, i) => expect(worst(o, want[i]!), `output ${i}`).toBeLessThanOrEqual(1e-4));
  });

  it('gradients given as a map and a variable without a gradient are handled as tfjs-core does', async () => {
    const make = () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7);
    async function once(where: 'cpu' | 'wasm'): Promise<Float32Array[]> {
      await useBackend(where);
      const a = tf.variable(tf.tensor(values(9, 1)), true, `map_${where}_a`);
      const b = tf.variable(tf.tensor(values(4, 2)), true, `map_${where}_b`);
      const opt = make();
      const g = tf.tensor(values(9, 3));
      opt.applyGradients({ [a.name]: g, [b.name]: null as unknown as tf.Tensor });
      opt.applyGradients({ [a.name]: g, [b.name]: null as unknown as tf.Tensor });
      const out = await Promise.all([a, b, ...(await opt.getWeights()).slice(1).map((w) => w.tensor)].map(async (t) => (await t.data()) as Float32Array));
      tf.dispose([a, b, g]);
      opt.dispose();
      return out;
    }
    const want = await once('cpu');
    const got = await once('wasm');
    // a, b, then the slots of both (b's stay zero).
    expect(got.length).toBe(6);
    got.forEach((x, i) => expect(worst(x, want[i]!), `array ${i}`).toBeLessThanOrEqual(1e-6));
  });

  it('optimizer weights set from saved tensors still alive are not written through', async () => {
    await useBackend('wasm');
    const w = tf.variable(tf.tensor(values(12, 1)), true, 'restore_w');
    const g = tf.tensor(values(12, 2));
    const first = tf.train.rmsprop(0.01, 0.9, 0.9);
    first.applyGradients([{ name: w.name, tensor: g }]);
    const saved = await first.getWeights();
    const before = await Promise.all(saved.map(async (s) => Array.from(await s.tensor.data())));
    const second = tf.train.rmsprop(0.01, 0.9, 0.9);
    // setWeights makes the slots as variables of these very tensors.
    await second.setWeights(saved);
    second.applyGradients([{ name: w.name, tensor: g }]);
    expect(await Promise.all(saved.map(async (s) => Array.from(await s.tensor.data())))).toEqual(before);
    tf.dispose([w, g]);
    first.dispose();
    second.dispose();
  });

  it('LAYERLAB_WASM_STOCK=1 leaves them stock', () => {
    expect(wasmUpdatesWanted({})).toBe(true);
    expect(wasmUpdatesWanted({ LAYERLAB_WASM_STOCK: '0' })).toBe(true);
    expect(wasmUpdatesWanted({ LAYERLAB_WASM_STOCK: '1' })).toBe(false);
    expect(installWasmOptimizers({ LAYERLAB_WASM_STOCK: '1' })).toBeNull();
  });
});
