// The shared walk of the fused optimizers, on the cpu backend with recording updates: which
// weights a backend is asked to update in place, and that the rest go the stock way.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerInPlaceUpdates, type InPlaceUpdates } from './fused-optimizers.js';

interface Call {
  kind: 'rmsprop' | 'adam';
  w: tf.Tensor;
  params: object;
}

/** Updates that record their calls and change nothing; owned and held as the cpu backend
 *  counts it. */
function recording(calls: Call[], scalar = true): InPlaceUpdates {
  const b = () => tf.backend() as unknown as { refCount(id: object): number };
  return {
    owns: (t) => t.dtype === 'float32' && b().refCount(t.dataId) === 1,
    holds: (t) => t.dtype === 'float32',
    scalar: (t) => (scalar ? t.dataSync()[0]! : null),
    rmsprop: (w, _ms, _mom, _g, params) => calls.push({ kind: 'rmsprop', w, params }),
    adam: (w, _m, _v, _g, params) => calls.push({ kind: 'adam', w, params }),
  };
}

let off: (() => void) | null = null;
let n = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  off?.();
  off = null;
});

function weights(...sizes: number[]): tf.Variable[] {
  // In a tidy, so the initial tensors go and each variable owns its buffer.
  return sizes.map((s) => tf.tidy(() => tf.variable(tf.ones([s]), true, `fo${n++}`)));
}

const grad = (v: tf.Variable) => ({ name: v.name, tensor: tf.fill(v.shape, 0.5) });

describe('fused optimizer walk', () => {
  it('asks the backend for each weight, with tfjs-core\'s constants in float32, and keeps slot names', async () => {
    const calls: Call[] = [];
    off = registerInPlaceUpdates('cpu', recording(calls));
    const [a, b] = weights(3, 1);
    const opt = tf.train.rmsprop(0.1, 0.9, 0.3, 1e-7);
    opt.applyGradients([grad(a!), grad(b!)]);
    expect(calls.map((c) => c.w)).toEqual([a, b]);
    expect(calls[0]!.params).toEqual({ lr: Math.fround(0.1), rho: Math.fround(0.9), oneMinusRho: Math.fround(1 - 0.9), momentum: Math.fround(0.3), eps: Math.fround(1e-7) });
    // The recording updates change nothing: had the stock path run, the weights would have.
    expect(Array.from(a!.dataSync())).toEqual([1, 1, 1]);
    const names = (await opt.getWeights()).map((w) => w.name);
    expect(names).toEqual(['iter', `${a!.name}/rms`, `${b!.name}/rms`, `${a!.name}/momentum`, `${b!.name}/momentum`]);
    expect(opt.iterations).toBe(1);
  });

  it('gives Adam the bias corrections 1 - beta^t of this step, then advances accBeta', () => {
    const calls: Call[] = [];
    off = registerInPlaceUpdates('cpu', recording(calls));
    const [a] = weights(4);
    const opt = tf.train.adam(0.01, 0.8, 0.9, 1e-7);
    opt.applyGradients([grad(a!)]);
    opt.applyGradients([grad(a!)]);
    const c = calls.map((k) => k.params as { c1: number; c2: number });
    expect(c.map((p) => p.c1)).toEqual([Math.fround(1 - Math.fround(0.8)), Math.fround(1 - Math.fround(Math.fround(0.8) * Math.fround(0.8)))]);
    expect(c[0]!.c2).toBe(Math.fround(1 - Math.fround(0.9)));
  });

  it('updates a weight whose buffer is shared, and centered RMSprop, the stock way', () => {
    const calls: Call[] = [];
    off = registerInPlaceUpdates('cpu', recording(calls));
    const [a, b] = weights(3, 3);
    const view = tf.reshape(a!, [3, 1]);
    tf.train.rmsprop(0.1).applyGradients([grad(a!), grad(b!)]);
    expect(calls.map((c) => c.w)).toEqual([b]);
    expect(a!.dataSync()[0]).toBeLessThan(1);
    expect(Array.from(view.dataSync())).toEqual([1, 1, 1]);
    tf.train.rmsprop(0.1, 0.9, 0, 1e-7, true).applyGradients([grad(b!)]);
    expect(calls.length).toBe(1);
  });

  it('leaves Adam stock when the backend cannot read accBeta at once', () => {
    const calls: Call[] = [];
    off = registerInPlaceUpdates('cpu', recording(calls, false));
    const [a] = weights(2);
    tf.train.adam(0.01).applyGradients([grad(a!)]);
    expect(calls).toEqual([]);
    expect(a!.dataSync()[0]).toBeLessThan(1);
  });

  it('makes the slots of a variable without a gradient and leaves it as it is', async () => {
    const calls: Call[] = [];
    off = registerInPlaceUpdates('cpu', recording(calls));
    const [a, b] = weights(2, 2);
    const opt = tf.train.rmsprop(0.1);
    opt.applyGradients({ [a!.name]: tf.fill([2], 0.5), [b!.name]: null as unknown as tf.Tensor });
    expect(calls.map((c) => c.w)).toEqual([a]);
    expect((await opt.getWeights()).length).toBe(5);
  });

  it('is stock again once the updates are taken back', () => {
    const calls: Call[] = [];
    registerInPlaceUpdates('cpu', recording(calls))();
    const [a] = weights(2);
    tf.train.rmsprop(0.1).applyGradients([grad(a!)]);
    expect(calls).toEqual([]);
    expect(a!.dataSync()[0]).toBeLessThan(1);
  });
});
