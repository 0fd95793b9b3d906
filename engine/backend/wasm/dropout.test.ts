// Dropout on wasm through LayerLab's one-pass multiplier gives tfjs-core's own result bit for
// bit: the same noise from the same seed, the same float32 arithmetic, the same gradient.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { dropoutMultiplier } from './dropout.js';

beforeAll(async () => {
  await useBackend('wasm');
});

const ones = (shape: number[]) => tf.ones(shape);

describe('dropoutMultiplier', () => {
  for (const [rate, shape, seed] of [[0.5, [128, 512], 7], [0.2, [3, 5, 7], 'abc'], [0.9, [1001], 0], [0.123, [2, 2], 123456789]] as const) {
    it(`is tfjs-core's multiplier exactly for rate ${rate}, shape ${shape}, seed ${JSON.stringify(seed)}`, () => {
      // tfjs-core's op on ones returns its multiplier.
      const want = tf.dropout(ones([...shape]), rate, undefined, seed as number).dataSync();
      const got = dropoutMultiplier([...shape], rate, seed).dataSync();
      expect(Array.from(got)).toEqual(Array.from(want));
      const kept = Array.from(got).filter((v) => v !== 0).length / got.length;
      expect(Math.abs(kept - (1 - rate))).toBeLessThan(shape.length === 2 && shape[0] === 2 ? 1 : 0.1);
    });
  }

  it('draws afresh without a seed', () => {
    const a = dropoutMultiplier([64], 0.5, undefined).dataSync();
    const b = dropoutMultiplier([64], 0.5, undefined).dataSync();
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});

describe('the Dropout layer on wasm', () => {
  it('gives the stock op its output and gradient while training', async () => {
    const layer = tfl.layers.dropout({ rate: 0.3, seed: 42 });
    const x = tf.randomNormal([9, 11], 0, 1, 'float32', 3);
    let got!: tf.Tensor;
    const profile = await tf.profile(() => {
      got = layer.apply(x, { training: true }) as tf.Tensor;
      return got;
    });
    // The one-pass kernel ran, and stock's JavaScript noise did not (no Floor, no RealDiv).
    const names = profile.kernelNames;
    expect(names).toContain('LayerLabDropoutMultiplier');
    expect(names).not.toContain('Floor');
    const want = tf.dropout(x, 0.3, undefined, 42);
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    const g = tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t, { training: true }) as tf.Tensor))(x);
    expect(Array.from(g.dataSync())).toEqual(Array.from(tf.dropout(tf.onesLike(x), 0.3, undefined, 42).dataSync()));
  });

  it('leaves SpatialDropout1D (a Dropout whose noise spans whole channels) to the stock layer', () => {
    const x = tf.randomNormal([2, 6, 4], 0, 1, 'float32', 8);
    const got = tfl.layers.spatialDropout1d({ rate: 0.5, seed: 3 }).apply(x, { training: true }) as tf.Tensor;
    const want = tf.dropout(x, 0.5, [2, 1, 4], 3);
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
  });

  it('passes the input through when not training, and leaves noiseShape to the stock layer', () => {
    const x = tf.randomNormal([4, 6], 0, 1, 'float32', 5);
    const inference = tfl.layers.dropout({ rate: 0.5, seed: 1 }).apply(x) as tf.Tensor;
    expect(Array.from(inference.dataSync())).toEqual(Array.from(x.dataSync()));
    const shaped = tfl.layers.dropout({ rate: 0.5, seed: 1, noiseShape: [1, 6] }).apply(x, { training: true }) as tf.Tensor;
    const want = tf.dropout(x, 0.5, [1, 6], 1);
    expect(Array.from(shaped.dataSync())).toEqual(Array.from(want.dataSync()));
  });

  it('leaks no tensors', () => {
    const layer = tfl.layers.dropout({ rate: 0.5 });
    const x = tf.ones([8, 8]);
    (layer.apply(x, { training: true }) as tf.Tensor).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) (layer.apply(x, { training: true }) as tf.Tensor).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
