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
