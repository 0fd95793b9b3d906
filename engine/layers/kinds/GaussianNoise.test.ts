import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params.js';
import { countOf, keras, shapeOf, tfjs } from '../testkit.js';
import { GaussianNoise } from './GaussianNoise.js';

describe('GaussianNoise', () => {
  it('keeps the shape', () => {
    expect(shapeOf(GaussianNoise, [[28, 28, 1]])).toEqual([28, 28, 1]);
  });
  it('needs a positive stddev', () => {
    expect(resolveParams(GaussianNoise.params, { stddev: 0 }).issues[0]?.message).toMatch(/'stddev' must be > 0/);
  });
  it('has no weights', () => {
    expect(countOf(GaussianNoise, [[3]])).toEqual({ trainable: 0, nonTrainable: 0 });
  });
  it('writes the stddev', () => {
    expect(keras(GaussianNoise, { stddev: 0.3 })).toBe('layers.GaussianNoise(0.3, name="n")');
    expect(tfjs(GaussianNoise)).toBe('tf.layers.gaussianNoise({stddev: 0.1, name: "n"})');
  });
});

describe('GaussianNoise with a seed', () => {
  const build = (seed: number | undefined) => GaussianNoise.build({ stddev: 0.5 }, { tfl, tf, name: 'n', ...(seed === undefined ? {} : { seed }) });
  const x = () => tf.ones([4, 3]);
  const noised = (seed: number | undefined) => Array.from((build(seed).apply(x(), { training: true }) as tf.Tensor).dataSync());

  it('draws the same noise for the same seed and other noise for another', () => {
    expect(noised(7)).toEqual(noised(7));
    expect(noised(7)).not.toEqual(noised(8));
    // Noise around the input with the stddev asked for (12 draws: a loose bound).
    const v = noised(7);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.6);
    expect(v.some((e) => e !== 1)).toBe(true);
  });

  it('follows a new seed set on the layer (training gives each step its own)', () => {
    const layer = build(7);
    const a = Array.from((layer.apply(x(), { training: true }) as tf.Tensor).dataSync());
    (layer as unknown as { seed: number }).seed = 9;
    expect(Array.from((layer.apply(x(), { training: true }) as tf.Tensor).dataSync())).toEqual(noised(9));
    expect(a).toEqual(noised(7));
  });

  it('passes the input through when predicting, seeded or not', () => {
    for (const seed of [7, undefined]) expect(Array.from((build(seed).apply(x()) as tf.Tensor).dataSync())).toEqual(new Array(12).fill(1));
  });
});
